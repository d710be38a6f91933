#include "layers/layer_index_codec.h"

#include "layers/entry_path.h"

#include "oci/digest_hasher.h"

#include <cstring>

namespace berth::layers {

namespace {

constexpr std::string_view kMagic = "BERTHLIX";
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHashHex = 64; // the body's sha256, in hex
constexpr std::size_t kHeader = 8 + 4 + 8 + kHashHex;
constexpr std::size_t kMaxString = 4096;
// type, path length, size, mode, uid, gid, mtime, link length, content.
constexpr std::size_t kMinEntry = 1 + 4 + 8 + 4 + 4 + 4 + 8 + 4 + 16;
constexpr auto kLastType = static_cast<std::uint8_t>(EntryType::OpaqueWhiteout);

class Writer
{
public:
    template <class T> void number(T value)
    {
        for (std::size_t i = 0; i < sizeof(T); ++i)
            m_out.push_back(
                static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff));
    }
    void text(std::string_view s)
    {
        number(static_cast<std::uint32_t>(s.size()));
        m_out.append(s);
    }
    void raw(const void *data, std::size_t size)
    {
        m_out.append(static_cast<const char *>(data), size);
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class Reader
{
public:
    explicit Reader(std::string_view in)
        : m_in(in)
    {
    }
    template <class T> bool number(T &value)
    {
        if (m_in.size() < sizeof(T))
            return false;
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < sizeof(T); ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(m_in[i])) << (8 * i);
        value = static_cast<T>(v);
        m_in.remove_prefix(sizeof(T));
        return true;
    }
    bool text(std::string &s)
    {
        std::uint32_t size = 0;
        if (!number(size) || size > kMaxString || size > m_in.size())
            return false;
        s.assign(m_in.substr(0, size));
        m_in.remove_prefix(size);
        return true;
    }
    bool raw(void *data, std::size_t size)
    {
        if (m_in.size() < size)
            return false;
        std::memcpy(data, m_in.data(), size);
        m_in.remove_prefix(size);
        return true;
    }
    std::size_t left() const { return m_in.size(); }

private:
    std::string_view m_in;
};

Error invalid(const std::string &why)
{
    return makeError("INDEX_INVALID", "the cached layer index " + why);
}

bool readEntry(Reader &in, FileEntry &entry)
{
    std::uint8_t type = 0;
    if (!in.number(type) || type > kLastType)
        return false;
    entry.type = static_cast<EntryType>(type);
    return in.text(entry.path) &&
           (isPlainPath(entry.path) ||
            (entry.path.empty() && entry.type == EntryType::OpaqueWhiteout)) &&
           in.number(entry.size) && entry.size >= 0 && in.number(entry.mode) &&
           entry.mode <= 07777 && in.number(entry.uid) && in.number(entry.gid) &&
           in.number(entry.mtime) && in.text(entry.linkTarget) &&
           (entry.type != EntryType::Hardlink || isPlainPath(entry.linkTarget)) &&
           in.raw(entry.content.data(), entry.content.size());
}

} // namespace

std::string encodeLayerIndex(const LayerIndex &index)
{
    Writer body;
    body.text(index.digest.toString());
    body.number(index.blobBytes);
    body.number(index.tarBytes);
    body.number(index.renamedEntries);
    body.number(static_cast<std::uint64_t>(index.entries.size()));
    for (const FileEntry &entry : index.entries) {
        body.number(static_cast<std::uint8_t>(entry.type));
        body.text(entry.path);
        body.number(entry.size);
        body.number(entry.mode);
        body.number(entry.uid);
        body.number(entry.gid);
        body.number(entry.mtime);
        body.text(entry.linkTarget);
        body.raw(entry.content.data(), entry.content.size());
    }
    const std::string payload = body.take();
    Writer out;
    out.raw(kMagic.data(), kMagic.size());
    out.number(kVersion);
    out.number(static_cast<std::uint64_t>(payload.size()));
    const std::string hash = oci::Digest::sha256Of(payload).hex();
    out.raw(hash.data(), hash.size());
    out.raw(payload.data(), payload.size());
    return out.take();
}

Result<LayerIndex> decodeLayerIndex(std::string_view bytes, const oci::Digest &digest)
{
    if (bytes.size() < kHeader || bytes.substr(0, kMagic.size()) != kMagic)
        return invalid("is no Berth layer index");
    Reader header(bytes.substr(kMagic.size()));
    std::uint32_t version = 0;
    std::uint64_t length = 0;
    std::string hash(kHashHex, '\0');
    header.number(version);
    header.number(length);
    header.raw(hash.data(), hash.size());
    if (version != kVersion)
        return invalid("was written by another version of Berth");
    const std::string_view payload = bytes.substr(kHeader);
    if (length != payload.size() || oci::Digest::sha256Of(payload).hex() != hash)
        return invalid("is cut short or damaged");
    Reader in(payload);
    LayerIndex index;
    std::string digestText;
    std::uint64_t count = 0;
    if (!in.text(digestText) || digestText != digest.toString())
        return invalid("is of another layer");
    index.digest = digest;
    if (!in.number(index.blobBytes) || !in.number(index.tarBytes) ||
        !in.number(index.renamedEntries) || !in.number(count) || index.blobBytes < 0 ||
        index.tarBytes < 0 || count > in.left() / kMinEntry)
        return invalid("has a damaged header");
    index.entries.resize(static_cast<std::size_t>(count));
    for (FileEntry &entry : index.entries)
        if (!readEntry(in, entry))
            return invalid("has a damaged entry");
    if (in.left() != 0)
        return invalid("has bytes past its end");
    return index;
}

} // namespace berth::layers
