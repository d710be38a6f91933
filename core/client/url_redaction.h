#pragma once

#include <QString>

class QUrl;

namespace berth::client {

// URLs as they may be shown or logged: without userinfo, and with every
// query value masked ("?X-Amz-Signature=…&X-Amz-Credential=…"). Presigned
// blob URLs (S3, GCS, Azure) carry their signature in the query; a log or
// an error message must never hand it on.
QString redactedUrl(const QUrl &url);
// `text` (an error string, say) with the query values of every http(s) URL
// in it masked the same way.
QString redactUrlsIn(const QString &text);
// A URL or a relative reference (a Location header, say) shown the same way.
QString redactedReference(const QString &reference);

} // namespace berth::client
