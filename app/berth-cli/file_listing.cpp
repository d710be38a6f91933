#include "file_listing.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace berth::cli {

namespace {

constexpr qsizetype kFlushAt = 64 << 10;

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

ListingOutput::ListingOutput(FILE *stream)
    : m_stream(stream)
{
}

ListingOutput::~ListingOutput()
{
    flush();
}

void ListingOutput::line(const QByteArray &text)
{
    m_buffer += text;
    m_buffer += '\n';
    if (m_buffer.size() >= kFlushAt)
        flush();
}

void ListingOutput::entry(const layers::FileEntry &e, int layer)
{
    QByteArray out = QByteArray::fromStdString(layers::modeString(e.type, e.mode));
    out += ' ';
    out +=
        QByteArray(QByteArray::number(e.uid) + '/' + QByteArray::number(e.gid)).leftJustified(11);
    out += ' ';
    out += QByteArray::number(e.size).rightJustified(10);
    if (layer > 0)
        out += " L" + QByteArray::number(layer);
    out += ' ';
    out += QByteArray::fromStdString(e.path.empty() ? std::string("/") : e.path);
    if (e.type == layers::EntryType::Symlink)
        out += " -> " + QByteArray::fromStdString(e.linkTarget);
    else if (e.type == layers::EntryType::Hardlink)
        out += " link to " + QByteArray::fromStdString(e.linkTarget);
    else if (e.type == layers::EntryType::Whiteout)
        out += " (deleted by this layer)";
    else if (e.type == layers::EntryType::OpaqueWhiteout)
        out += " (all below it from earlier layers deleted by this layer)";
    line(out);
}

void ListingOutput::jsonEntry(const layers::FileEntry &e, int layer)
{
    QJsonObject object{
        {QStringLiteral("path"), text(e.path)},
        {QStringLiteral("type"), QString::fromLatin1(layers::entryTypeName(e.type))},
        {QStringLiteral("size"), static_cast<qint64>(e.size)},
        {QStringLiteral("mode"), QString::number(e.mode, 8).rightJustified(4, QLatin1Char('0'))},
        {QStringLiteral("uid"), static_cast<qint64>(e.uid)},
        {QStringLiteral("gid"), static_cast<qint64>(e.gid)},
        {QStringLiteral("mtime"), static_cast<qint64>(e.mtime)}};
    if (!e.linkTarget.empty())
        object.insert(QStringLiteral("link"), text(e.linkTarget));
    if (layer > 0)
        object.insert(QStringLiteral("layer"), layer);
    m_buffer += m_jsonStarted ? ",\n" : "[\n";
    m_jsonStarted = true;
    m_buffer += QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (m_buffer.size() >= kFlushAt)
        flush();
}

void ListingOutput::endJson()
{
    m_buffer += m_jsonStarted ? "\n]\n" : "[]\n";
    flush();
}

void ListingOutput::flush()
{
    std::fwrite(m_buffer.constData(), 1, static_cast<std::size_t>(m_buffer.size()), m_stream);
    std::fflush(m_stream);
    m_buffer.clear();
}

} // namespace berth::cli
