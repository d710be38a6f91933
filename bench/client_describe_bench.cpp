// Measures the registry client: list every tag of one repository, then
// fetch every tag's manifest and config (size + created date) with bounded
// concurrency. Prints wall time and request rate; run by bench/client_bench.sh.
//
//   berth-bench-client-describe http://127.0.0.1:5000 bench/app [concurrency]
#include "bulk_describe_job.h"
#include "list_page_job.h"
#include "registry_session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

using namespace berth::client;

namespace {

class Bench : public QObject
{
public:
    Bench(RegistrySession *session, QString repository)
        : m_session(session)
        , m_repository(std::move(repository))
    {
        connect(session, &RegistrySession::requestLogged, this,
                [this](const RequestLogEntry &) { ++m_requests; });
    }

    void start()
    {
        m_clock.start();
        listPage(m_session->listTags(m_repository, 1000));
    }

private:
    void listPage(ListPageJob *job)
    {
        connect(job, &ListPageJob::finished, this, [this](const ClientResult<ListPage> &page) {
            if (!page.ok())
                return quit(page.error().message);
            m_tags += page->items;
            if (page->next)
                listPage(m_session->listPage(*page->next));
            else
                describeAll();
        });
    }

    void describeAll()
    {
        m_listMs = m_clock.elapsed();
        m_passClock.start();
        m_complete = 0;
        m_requests = 0;
        auto *job = m_session->describeTags(m_repository, m_tags);
        connect(job, &BulkDescribeJob::tagDescribed, this, [this](const TagDescription &d) {
            if (d.result.ok() && d.result->size >= 0 && d.result->created)
                ++m_complete;
        });
        connect(job, &BulkDescribeJob::finished, this,
                [this](const ClientResult<BulkSummary> &summary) {
                    if (!summary.ok())
                        return quit(summary.error().message);
                    const double seconds = m_passClock.elapsed() / 1000.0;
                    std::printf("%s: tags=%lld complete=%d failed=%d list_ms=%lld describe_s=%.3f "
                                "requests=%d req_per_s=%.0f\n",
                                m_pass == 0 ? "first visit" : "revisit (cached)",
                                static_cast<long long>(m_tags.size()), m_complete, summary->failed,
                                static_cast<long long>(m_listMs), seconds, m_requests,
                                m_requests / seconds);
                    if (++m_pass < 2)
                        describeAll();
                    else
                        quit({});
                });
    }

    void quit(const QString &error)
    {
        if (!error.isEmpty())
            std::fprintf(stderr, "error: %s\n", qPrintable(error));
        QCoreApplication::exit(error.isEmpty() ? 0 : 1);
    }

    RegistrySession *m_session;
    QString m_repository;
    QStringList m_tags;
    QElapsedTimer m_clock;
    QElapsedTimer m_passClock;
    int m_pass = 0;
    qint64 m_listMs = 0;
    int m_requests = 0;
    int m_complete = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: %s REGISTRY_URL REPOSITORY [CONCURRENCY]\n", argv[0]);
        return 2;
    }
    auto endpoint = RegistryEndpoint::fromUserInput(args.at(1));
    if (!endpoint.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(endpoint.error().message));
        return 2;
    }
    if (args.size() > 3)
        endpoint->maxConcurrency = args.at(3).toInt();
    RegistrySession session(endpoint.value());
    Bench bench(&session, args.at(2));
    QTimer::singleShot(0, &bench, [&bench] { bench.start(); });
    return QCoreApplication::exec();
}
