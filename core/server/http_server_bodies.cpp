// HttpServer's response bodies other than a buffer: a file region (sendfile,
// or copied a block at a time to loopback clients), and a BodyStream read
// as it arrives, its connection parked while there is nothing new.
#include "server/body_stream.h"
#include "server/http_server_tracked.h"

#include <microhttpd.h>

#include <unistd.h>

namespace berth::server {

namespace {

// A file region copied through libmicrohttpd's buffer a block at a time.
struct CopiedFile
{
    int fd;
    std::uint64_t offset;
};

ssize_t readCopiedFile(void *cls, std::uint64_t pos, char *buffer, size_t max)
{
    const auto *file = static_cast<const CopiedFile *>(cls);
    const ssize_t n = ::pread(file->fd, buffer, max, static_cast<off_t>(file->offset + pos));
    // A short file (cannot happen: the descriptor pins the blob) ends the
    // connection rather than sending fewer bytes than Content-Length said.
    return n > 0 ? n : MHD_CONTENT_READER_END_WITH_ERROR;
}

void closeCopiedFile(void *cls)
{
    const auto *file = static_cast<const CopiedFile *>(cls);
    ::close(file->fd);
    delete file;
}

// Over loopback the receiver copies every byte out of the socket either way.
// With sendfile it copies from page-cache pages that are cold in the CPU
// cache; reading 32 KiB at a time here hands it bytes that are still hot, so
// the pull finishes sooner (docs/BENCHMARKS.md: ~1.15x distribution vs 0.8x
// with sendfile). Towards a network card, sendfile saves the copy outright.
constexpr std::size_t kLoopbackCopyBlock = 32 * 1024;

} // namespace

MHD_Response *fileBody(HttpResponse &response, bool copy)
{
    const int fd = response.releaseFile();
    if (!copy) {
        MHD_Response *r =
            MHD_create_response_from_fd_at_offset64(response.fileLength, fd, response.fileOffset);
        if (!r)
            ::close(fd);
        return r;
    }
    auto *file = new CopiedFile{fd, response.fileOffset};
    MHD_Response *r = MHD_create_response_from_callback(response.fileLength, kLoopbackCopyBlock,
                                                        &readCopiedFile, file, &closeCopiedFile);
    if (!r)
        closeCopiedFile(file);
    return r;
}

MHD_Response *HttpServer::StreamReader::respond(HttpServer &server, MHD_Connection *connection,
                                                HttpResponse &response)
{
    auto *reader = new StreamReader{&server, connection, std::move(response.stream),
                                    response.fileOffset, false};
    MHD_Response *r = MHD_create_response_from_callback(
        response.streamLengthKnown ? response.fileLength : MHD_SIZE_UNKNOWN, kLoopbackCopyBlock,
        &read, reader, &release);
    if (!r)
        release(reader);
    return r;
}

ssize_t HttpServer::StreamReader::read(void *cls, std::uint64_t pos, char *buffer, std::size_t max)
{
    auto *reader = static_cast<StreamReader *>(cls);
    const BodyStream::Chunk chunk = reader->stream->read(
        reader->offset + pos, buffer, max, [reader] { return reader->server->park(*reader); },
        [reader] { reader->server->unpark(*reader); }, reader);
    switch (chunk.kind) {
    case BodyStream::Chunk::Kind::Bytes:
        return static_cast<ssize_t>(chunk.size);
    case BodyStream::Chunk::Kind::Later:
        return 0; // parked: called again once woken
    case BodyStream::Chunk::Kind::End:
        return MHD_CONTENT_READER_END_OF_STREAM;
    case BodyStream::Chunk::Kind::Failed:
        break;
    }
    // Cut: the client sees a body shorter than announced (or a chunked
    // body with no last chunk), never a complete wrong one.
    return MHD_CONTENT_READER_END_WITH_ERROR;
}

void HttpServer::StreamReader::release(void *cls)
{
    auto *reader = static_cast<StreamReader *>(cls);
    reader->stream->forget(reader); // its wake never runs from here on
    {
        std::lock_guard guard(reader->server->m_suspendMutex);
        reader->server->m_parked.erase(reader);
    }
    delete reader;
}

bool HttpServer::park(StreamReader &reader)
{
    std::lock_guard guard(m_suspendMutex);
    if (!suspendHeld(reader.mhd))
        return false;
    reader.parked = true;
    m_parked.insert(&reader);
    return true;
}

void HttpServer::unpark(StreamReader &reader)
{
    std::lock_guard guard(m_suspendMutex);
    if (!reader.parked)
        return; // stop() woke it already
    reader.parked = false;
    m_parked.erase(&reader);
    resumeConnection(reader.mhd);
}

} // namespace berth::server
