#include "ui/search_panel.h"

#include "client/registry_session.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

namespace {
constexpr int kRepositoryRole = Qt::UserRole + 1;
constexpr int kTagRole = Qt::UserRole + 2;
} // namespace

SearchPanel::SearchPanel(QWidget *parent)
    : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("searchEdit"));
    m_edit->setPlaceholderText(tr("Search repositories and tags"));
    m_edit->setClearButtonEnabled(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setEnabled(false);
    m_status = new QLabel(this);
    m_results = new QListWidget(this);
    m_results->setObjectName(QStringLiteral("results"));
    m_results->setUniformItemSizes(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_edit, 1);
    row->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] { search(m_edit->text()); });
    connect(m_stop, &QPushButton::clicked, this, &SearchPanel::cancel);
    connect(m_results, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT openRequested(item->data(kRepositoryRole).toString(),
                             item->data(kTagRole).toString());
    });
}

void SearchPanel::setSession(client::RegistrySession *session)
{
    cancel();
    m_session = session;
    m_results->clear();
    m_status->clear();
}

void SearchPanel::cancel()
{
    if (m_job)
        m_job->cancel();
    m_job = nullptr;
    m_stop->setEnabled(false);
}

void SearchPanel::search(const QString &text)
{
    cancel();
    m_results->clear();
    if (!m_session || text.trimmed().isEmpty())
        return;
    m_job = m_session->search(text.trimmed());
    m_job->setParent(this);
    m_stop->setEnabled(true);
    m_status->setText(tr("Searching…"));
    connect(m_job, &client::SearchJob::hit, this, [this](const client::SearchHit &hit) {
        auto *item = new QListWidgetItem(
            hit.tag.isEmpty() ? hit.repository : hit.repository + QLatin1Char(':') + hit.tag,
            m_results);
        item->setData(kRepositoryRole, hit.repository);
        item->setData(kTagRole, hit.tag);
    });
    connect(m_job, &client::SearchJob::progress, this, [this](int searched, int known) {
        m_status->setText(tr("Searching… %1 of %n repository(s), %2 found", nullptr, known)
                              .arg(searched)
                              .arg(m_results->count()));
    });
    connect(
        m_job, &client::SearchJob::finished, this,
        [this](const client::ClientResult<client::SearchSummary> &r) {
            m_job = nullptr;
            m_stop->setEnabled(false);
            if (!r.ok()) {
                m_status->setText(r.error().kind == client::ClientErrorKind::Cancelled
                                      ? tr("Stopped; %1 found.").arg(m_results->count())
                                      : r.error().message);
                return;
            }
            m_status->setText(
                r->truncated
                    ? tr("First %n match(es) (stopped there).", nullptr, r->hits)
                    : tr("%1 found in %n repository(s).", nullptr, r->repositories).arg(r->hits));
        });
}

void SearchPanel::focusSearch()
{
    m_edit->setFocus();
    m_edit->selectAll();
}

} // namespace berth::ui
