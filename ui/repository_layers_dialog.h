#pragma once

#include "client/bulk_describe_job.h"
#include "inspect/repository_layers.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

// Tools → Heaviest layers…: every tag of the repository shown is described
// (manifests and configs, through the session's cache; progress, Stop),
// and its layers are listed heaviest first with the tags that use them and
// the command that made them — which layers weigh, and which go with a
// single tag. A layer activated (double-click, Enter) asks for the first
// tag that uses it to be opened in the window; the list stays open.
class RepositoryLayersDialog : public QDialog
{
    Q_OBJECT

public:
    RepositoryLayersDialog(client::RegistrySession *session, const QString &repository,
                           const QStringList &tags, QWidget *parent = nullptr);
    ~RepositoryLayersDialog() override;

Q_SIGNALS:
    void tagRequested(const QString &tag);

private:
    void onFinished(const client::ClientResult<client::BulkSummary> &result);
    void present(const inspect::RepositoryLayers &layers);

    QString m_repository;
    QPointer<client::BulkDescribeJob> m_job;
    QList<client::ImageDescription> m_described;
    int m_failed = 0;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_stop;
    QTableWidget *m_table;
};

} // namespace berth::ui
