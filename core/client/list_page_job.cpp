#include "client/list_page_job.h"

#include "client/http_exchange.h"
#include "client/link_header.h"
#include "client/registry_session.h"

#include "oci/name_rules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace berth::client {

ListPageJob::ListPageJob(RegistrySession *session, ListCursor cursor)
    : Job(session)
    , m_cursor(std::move(cursor))
{
}

void ListPageJob::run()
{
    HttpRequestSpec spec;
    spec.url = m_cursor.url;
    spec.addHeader("Accept", "application/json");
    if (m_cursor.kind == ListCursor::Kind::Repositories)
        spec.scopes = {QStringLiteral("registry:catalog:*")};
    else
        spec.scopes = {QStringLiteral("repository:%1:pull").arg(m_cursor.repository)};
    auto *exchange = session()->exchange(spec, this);
    connect(exchange, &HttpExchange::finished, this, &ListPageJob::onResponse);
    exchange->start();
}

void ListPageJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void ListPageJob::onResponse(const ClientResult<HttpReply> &result)
{
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    const HttpReply &response = result.value();
    const bool catalog = m_cursor.kind == ListCursor::Kind::Repositories;
    if (!response.isSuccess()) {
        ClientError error = session()->errorFor(
            response, catalog ? tr("The repository list")
                              : QStringLiteral("Repository %1").arg(m_cursor.repository));
        if (catalog && (response.status == 404 || response.status == 405 ||
                        (response.status == 401 &&
                         response.header("WWW-Authenticate").contains("insufficient_scope")) ||
                        response.status == 403)) {
            error.kind = ClientErrorKind::CatalogUnavailable;
            error.message = tr("This registry does not list its repositories (no /v2/_catalog for "
                               "this login); add repositories by name.");
        }
        fail(error);
        return;
    }

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &parseError);
    const QString field = catalog ? QStringLiteral("repositories") : QStringLiteral("tags");
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(ClientError{ClientErrorKind::InvalidResponse,
                         (catalog ? tr("The registry's repository list is not valid JSON (%1).")
                                  : tr("The registry's tag list is not valid JSON (%1)."))
                             .arg(parseError.errorString()),
                         response.status,
                         {},
                         {}});
        return;
    }
    const QJsonValue list = doc.object().value(field);
    if (!list.isArray() && !list.isNull() && !list.isUndefined()) {
        fail(ClientError{ClientErrorKind::InvalidResponse,
                         tr("The registry's answer has no '%1' list.").arg(field),
                         response.status,
                         {},
                         {}});
        return;
    }
    ListPage page;
    const QJsonArray array = list.toArray();
    page.items.reserve(array.size());
    // Lists come in lexical order (distribution spec); on a page we asked for
    // with `last` ourselves, anything not after `last` is a repeat from a
    // registry that ignored it.
    const QString sentLast =
        QUrlQuery(m_cursor.url).queryItemValue(QStringLiteral("last"), QUrl::FullyDecoded);
    for (const QJsonValue &value : array) {
        if (m_cursor.synthesized && value.toString().toUtf8() <= sentLast.toUtf8())
            continue;
        const std::string name = value.toString().toStdString();
        const berth::Status valid =
            catalog ? oci::validateRepositoryName(name) : oci::validateTag(name);
        if (!value.isString() || !valid.ok()) {
            ++page.rejected;
            continue;
        }
        page.items.append(value.toString());
    }

    if (const auto next = LinkHeader::nextUrl(response.header("Link"), response.url)) {
        ListCursor cursor = m_cursor;
        cursor.url = *next;
        page.next = cursor;
    } else if (m_cursor.pageSize > 0 && array.size() == m_cursor.pageSize &&
               !page.items.isEmpty()) {
        // No Link header but exactly a full page (a registry that ignores `n`
        // sends more): ask for what comes after the last item.
        ListCursor cursor = m_cursor;
        cursor.synthesized = true;
        QUrlQuery query(cursor.url);
        query.removeAllQueryItems(QStringLiteral("last"));
        query.removeAllQueryItems(QStringLiteral("n"));
        query.addQueryItem(QStringLiteral("n"), QString::number(m_cursor.pageSize));
        query.addQueryItem(QStringLiteral("last"), page.items.constLast());
        cursor.url.setQuery(query);
        page.next = cursor;
    }
    if (beginFinish())
        Q_EMIT finished(page);
}

} // namespace berth::client
