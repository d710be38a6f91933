#pragma once

// A layer tar made entry by entry in memory — every entry kind, whiteouts
// and hostile names included — plain, gzip or zstd (libarchive's writer).

#include <archive.h>
#include <archive_entry.h>

#include <cstdint>
#include <string>

namespace berth::test {

// An entry's owner, permissions and time.
struct TarMeta
{
    unsigned mode = 0644;
    std::int64_t uid = 0;
    std::int64_t gid = 0;
    std::int64_t mtime = 1'700'000'000;
};

class LayerTar
{
public:
    enum class Compression
    {
        None,
        Gzip,
        Zstd,
    };
    using Meta = TarMeta;

    explicit LayerTar(Compression compression = Compression::Gzip)
        : m_archive(archive_write_new())
    {
        archive_write_set_format_pax_restricted(m_archive);
        if (compression == Compression::Gzip)
            archive_write_add_filter_gzip(m_archive);
        else if (compression == Compression::Zstd)
            archive_write_add_filter_zstd(m_archive);
        archive_write_set_bytes_in_last_block(m_archive, 1);
        archive_write_open(m_archive, &m_bytes, nullptr, &LayerTar::append, nullptr);
    }
    ~LayerTar()
    {
        if (m_archive)
            archive_write_free(m_archive);
    }
    LayerTar(const LayerTar &) = delete;
    LayerTar &operator=(const LayerTar &) = delete;

    LayerTar &dir(const std::string &name, Meta meta = {0755})
    {
        return entry(name, AE_IFDIR, meta);
    }
    LayerTar &file(const std::string &name, const std::string &bytes, Meta meta = {})
    {
        entry(name, AE_IFREG, meta, static_cast<std::int64_t>(bytes.size()));
        archive_write_data(m_archive, bytes.data(), bytes.size());
        return *this;
    }
    // `size` bytes that are zeros but for `data` at `offset`, stored sparse
    // (pax GNU sparse 1.0): only `data` is in the tar.
    LayerTar &sparseFile(const std::string &name, std::int64_t size, std::int64_t offset,
                         const std::string &data)
    {
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, name.c_str());
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, size);
        archive_entry_sparse_add_entry(e, offset, static_cast<la_int64_t>(data.size()));
        archive_write_header(m_archive, e);
        archive_entry_free(e);
        // The writer takes the whole file and keeps only the mapped part.
        std::string whole(static_cast<std::size_t>(size), '\0');
        whole.replace(static_cast<std::size_t>(offset), data.size(), data);
        archive_write_data(m_archive, whole.data(), whole.size());
        return *this;
    }
    LayerTar &symlink(const std::string &name, const std::string &to)
    {
        return entry(name, AE_IFLNK, {0777}, 0, to.c_str());
    }
    LayerTar &hardlink(const std::string &name, const std::string &to)
    {
        return entry(name, AE_IFREG, {}, 0, nullptr, to.c_str());
    }
    LayerTar &device(const std::string &name, unsigned type = AE_IFCHR)
    {
        return entry(name, type, {0600});
    }
    LayerTar &whiteout(const std::string &folder, const std::string &name)
    {
        return file((folder.empty() ? "" : folder + "/") + ".wh." + name, "");
    }
    LayerTar &opaque(const std::string &folder) { return file(folder + "/.wh..wh..opq", ""); }

    // The blob, closed; nothing more can be added.
    std::string take()
    {
        archive_write_close(m_archive);
        archive_write_free(m_archive);
        m_archive = nullptr;
        return std::move(m_bytes);
    }

private:
    static la_ssize_t append(struct archive *, void *data, const void *buffer, size_t size)
    {
        static_cast<std::string *>(data)->append(static_cast<const char *>(buffer), size);
        return static_cast<la_ssize_t>(size);
    }
    LayerTar &entry(const std::string &name, unsigned type, Meta meta, std::int64_t size = 0,
                    const char *symlink = nullptr, const char *hardlink = nullptr)
    {
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, name.c_str());
        archive_entry_set_filetype(e, type);
        archive_entry_set_perm(e, meta.mode);
        archive_entry_set_uid(e, meta.uid);
        archive_entry_set_gid(e, meta.gid);
        archive_entry_set_mtime(e, meta.mtime, 0);
        archive_entry_set_size(e, size);
        if (symlink)
            archive_entry_set_symlink(e, symlink);
        if (hardlink)
            archive_entry_set_hardlink(e, hardlink);
        archive_write_header(m_archive, e);
        archive_entry_free(e);
        return *this;
    }

    std::string m_bytes;
    struct archive *m_archive;
};

} // namespace berth::test
