#include "client/registry_error_body.h"

#include "protocol/registry_error_body.h"

#include <QCoreApplication>

#include <algorithm>
#include <iterator>

namespace berth::client {

namespace {

struct CodeMeaning
{
    const char *code;
    const char *meaning; // as the spec words it
};

const char kContext[] = "berth::client::RegistryErrorBody";

constexpr CodeMeaning kMeanings[] = {
    {"BLOB_UNKNOWN",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "blob unknown to registry")},
    {"BLOB_UPLOAD_INVALID",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "blob upload invalid")},
    {"BLOB_UPLOAD_UNKNOWN",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "blob upload unknown to registry")},
    {"DIGEST_INVALID", QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody",
                                         "provided digest did not match uploaded content")},
    {"MANIFEST_BLOB_UNKNOWN",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody",
                       "manifest references a manifest or blob unknown to registry")},
    {"MANIFEST_INVALID", QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "manifest invalid")},
    {"MANIFEST_UNKNOWN",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "manifest unknown to registry")},
    {"NAME_INVALID",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "invalid repository name")},
    {"NAME_UNKNOWN", QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody",
                                       "repository name not known to registry")},
    {"SIZE_INVALID", QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody",
                                       "provided length did not match content length")},
    {"UNAUTHORIZED",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "authentication required")},
    {"DENIED", QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody",
                                 "requested access to the resource is denied")},
    {"UNSUPPORTED",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "the operation is unsupported")},
    {"TOOMANYREQUESTS", QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "too many requests")},
    {"TAG_INVALID",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "manifest tag did not match URI")},
    {"RANGE_INVALID",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "invalid content range")},
    {"PAGINATION_NUMBER_INVALID",
     QT_TRANSLATE_NOOP("berth::client::RegistryErrorBody", "invalid number of results requested")},
};

} // namespace

RegistryErrorBody RegistryErrorBody::parse(const QByteArray &body)
{
    const protocol::RegistryErrorBody parsed = protocol::RegistryErrorBody::parse(
        std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    RegistryErrorBody out;
    out.code = QString::fromStdString(parsed.code);
    out.message = QString::fromStdString(parsed.message);
    out.detail = QString::fromStdString(parsed.detail);
    out.count = parsed.count;
    return out;
}

QString RegistryErrorBody::translatedMeaning(const QString &code)
{
    const auto *found =
        std::find_if(std::begin(kMeanings), std::end(kMeanings),
                     [&code](const CodeMeaning &m) { return code == QLatin1String(m.code); });
    if (found == std::end(kMeanings))
        return {};
    const QString translated = QCoreApplication::translate(kContext, found->meaning);
    return translated == QLatin1String(found->meaning) ? QString() : translated;
}

} // namespace berth::client
