#include "client/mirror_cache.h"

#include <QCoreApplication>

#include "oci/digest.h"
#include "oci/name_rules.h"
#include "oci/timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

#include <climits>
#include <cmath>
#include <optional>

namespace berth::client {

namespace {

// The translation context of this file's messages.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(berth::client::MirrorCache)
};

ClientError invalid(const QString &what, const QString &detail = {})
{
    return {ClientErrorKind::InvalidResponse,
            Text::tr("The registry's cache listing is not valid: %1.").arg(what),
            0,
            {},
            detail};
}

// A whole number JSON holds exactly (up to 2^53), at least `min`.
std::optional<qint64> count(const QJsonValue &v, qint64 min = 0)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    constexpr double kExact = 9007199254740992.0; // 2^53
    if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(min) || d > kExact)
        return std::nullopt;
    return static_cast<qint64>(d);
}

ClientResult<QJsonObject> objectOf(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(Text::tr("it is not JSON"), error.errorString());
    if (!doc.isObject())
        return invalid(Text::tr("it is not a JSON object"));
    return doc.object();
}

// Absent: fine (not known). Present: an RFC 3339 time.
bool readTime(const QJsonObject &o, std::optional<std::chrono::sys_seconds> &out)
{
    const QJsonValue v = o.value(QStringLiteral("lastPulled"));
    if (v.isUndefined())
        return true;
    if (!v.isString())
        return false;
    const auto time = oci::parseRfc3339(v.toString().toStdString());
    if (!time.ok())
        return false;
    out = *time;
    return true;
}

// Absent: a local repository. Present: an http(s) URL.
bool readOrigin(const QJsonObject &o, QString &out)
{
    const QJsonValue v = o.value(QStringLiteral("mirroredFrom"));
    if (v.isUndefined())
        return true;
    if (!v.isString())
        return false;
    const QUrl url(v.toString(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return false;
    out = v.toString();
    return true;
}

bool validName(const QString &name)
{
    return oci::validateRepositoryName(name.toStdString()).ok();
}

} // namespace

ClientResult<MirrorCache> MirrorCache::parse(const QByteArray &json)
{
    const auto object = objectOf(json);
    if (!object.ok())
        return object.error();
    MirrorCache cache;
    const auto store = count(object->value(QStringLiteral("storeBytes")));
    if (!store)
        return invalid(Text::tr("storeBytes is not a size"));
    cache.storeBytes = *store;
    if (const QJsonValue bound = object->value(QStringLiteral("maxSize")); !bound.isUndefined()) {
        const auto size = count(bound);
        if (!size)
            return invalid(Text::tr("maxSize is not a size"));
        cache.maxSize = *size;
    }
    const QJsonValue list = object->value(QStringLiteral("repositories"));
    if (!list.isArray())
        return invalid(Text::tr("repositories is not a list"));
    QSet<QString> seen;
    for (const QJsonValue &item : list.toArray()) {
        const QJsonObject o = item.toObject();
        CachedRepository r;
        r.name = o.value(QStringLiteral("name")).toString();
        if (!item.isObject() || !validName(r.name))
            return invalid(Text::tr("a repository has no valid name"));
        if (seen.contains(r.name))
            return invalid(Text::tr("%1 is listed twice").arg(r.name));
        seen.insert(r.name);
        const auto tags = count(o.value(QStringLiteral("tags")));
        const auto bytes = count(o.value(QStringLiteral("bytes")));
        if (!tags || !bytes)
            return invalid(Text::tr("%1 has no tag count or size").arg(r.name));
        r.tagCount = *tags;
        r.bytes = *bytes;
        if (!readOrigin(o, r.mirroredFrom))
            return invalid(Text::tr("%1's upstream is not a URL").arg(r.name));
        if (!readTime(o, r.lastPulled))
            return invalid(Text::tr("%1's last pull is not a time").arg(r.name));
        cache.repositories.append(r);
    }
    return cache;
}

ClientResult<CachedTags> CachedTags::parse(const QByteArray &json, const QString &repository)
{
    const auto object = objectOf(json);
    if (!object.ok())
        return object.error();
    CachedTags out;
    out.repository = object->value(QStringLiteral("name")).toString();
    if (out.repository != repository)
        return invalid(Text::tr("it is not about %1").arg(repository));
    if (!readOrigin(*object, out.mirroredFrom))
        return invalid(Text::tr("the upstream is not a URL"));
    const QJsonValue list = object->value(QStringLiteral("tags"));
    if (!list.isArray())
        return invalid(Text::tr("tags is not a list"));
    QSet<QString> seen;
    for (const QJsonValue &item : list.toArray()) {
        const QJsonObject o = item.toObject();
        CachedTag t;
        t.name = o.value(QStringLiteral("name")).toString();
        if (!item.isObject() || !oci::validateTag(t.name.toStdString()).ok())
            return invalid(Text::tr("a tag has no valid name"));
        if (seen.contains(t.name))
            return invalid(Text::tr("tag %1 is listed twice").arg(t.name));
        seen.insert(t.name);
        t.digest = o.value(QStringLiteral("digest")).toString();
        if (!oci::Digest::parse(t.digest.toStdString()).ok())
            return invalid(Text::tr("tag %1 has no valid digest").arg(t.name));
        const auto parts = count(o.value(QStringLiteral("parts")), 1);
        const auto present = count(o.value(QStringLiteral("present")));
        if (!parts || !present || *present > *parts || *parts > INT_MAX)
            return invalid(Text::tr("tag %1 has no valid part counts").arg(t.name));
        t.parts = static_cast<int>(*parts);
        t.present = static_cast<int>(*present);
        if (!readTime(o, t.lastPulled))
            return invalid(Text::tr("tag %1's last pull is not a time").arg(t.name));
        out.tags.append(t);
    }
    return out;
}

} // namespace berth::client
