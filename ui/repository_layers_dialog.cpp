#include "ui/repository_layers_dialog.h"

#include "ui/size_format.h"

#include "client/registry_session.h"
#include "local/background_task.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

enum Column
{
    SizeColumn,
    LayerColumn,
    TagsColumn,
    CreatedByColumn,
    ColumnCount
};

// Sorted by the number behind the text (sizes, counts).
class NumberItem : public QTableWidgetItem
{
public:
    NumberItem(const QString &text, qint64 value)
        : QTableWidgetItem(text)
    {
        setData(Qt::UserRole, value);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        return data(Qt::UserRole).toLongLong() < other.data(Qt::UserRole).toLongLong();
    }
};

constexpr int kFirstTagRole = Qt::UserRole + 1; // on the layer column's item

QTableWidgetItem *readOnly(QTableWidgetItem *item)
{
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

RepositoryLayersDialog::RepositoryLayersDialog(client::RegistrySession *session,
                                               const QString &repository, const QStringList &tags,
                                               QWidget *parent)
    : QDialog(parent)
    , m_repository(repository)
{
    setObjectName(QStringLiteral("repositoryLayersDialog"));
    setWindowTitle(tr("Heaviest layers of %1").arg(repository));
    resize(960, 600);
    m_status = new QLabel(
        tr("Reading the manifests of %n tag(s)…", nullptr, static_cast<int>(tags.size())), this);
    m_status->setObjectName(QStringLiteral("repositoryLayersStatus"));
    m_status->setWordWrap(true);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, static_cast<int>(tags.size()));
    m_stop = new QPushButton(tr("Stop"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_bar);
    top->addWidget(m_stop);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("repositoryLayers"));
    m_table->setHorizontalHeaderLabels({tr("Size"), tr("Layer"), tr("Used by"), tr("Made by")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(CreatedByColumn, QHeaderView::Stretch);
    connect(m_table, &QTableWidget::itemActivated, this, [this](QTableWidgetItem *item) {
        const QTableWidgetItem *layer = m_table->item(item->row(), LayerColumn);
        if (layer && !layer->data(kFirstTagRole).toString().isEmpty())
            Q_EMIT tagRequested(layer->data(kFirstTagRole).toString());
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    m_job = session->describeTags(repository, tags);
    connect(m_stop, &QPushButton::clicked, m_job, &client::BulkDescribeJob::cancel);
    connect(m_job, &client::BulkDescribeJob::progress, m_bar, &QProgressBar::setValue);
    connect(m_job, &client::BulkDescribeJob::tagDescribed, this,
            [this](const client::TagDescription &d) {
                if (d.result.ok())
                    m_described.append(d.result.value());
                else
                    ++m_failed;
            });
    connect(m_job, &client::BulkDescribeJob::finished, this, &RepositoryLayersDialog::onFinished);
}

RepositoryLayersDialog::~RepositoryLayersDialog()
{
    if (m_job)
        m_job->cancel();
}

void RepositoryLayersDialog::onFinished(const client::ClientResult<client::BulkSummary> &result)
{
    m_bar->hide();
    m_stop->hide();
    if (!result.ok() && result.error().kind != client::ClientErrorKind::Cancelled) {
        m_status->setText(result.error().message);
        return;
    }
    local::BackgroundTask::start(
        this, [described = m_described] { return inspect::RepositoryLayers::of(described); },
        [this, stopped = !result.ok()](const inspect::RepositoryLayers &layers) {
            present(layers);
            if (stopped)
                m_status->setText(tr("Stopped: the tags read so far. ") + m_status->text());
        });
}

void RepositoryLayersDialog::present(const inspect::RepositoryLayers &r)
{
    QString text = tr("%n layer(s), %1 stored for this repository (each layer once); ", nullptr,
                      static_cast<int>(r.layers.size()))
                       .arg(formatBytes(r.totalBytes)) +
                   tr("%1 of it in layers only one tag uses — deleting that tag (and collecting "
                      "garbage) frees them. The tags weigh %2 counted one by one: sharing "
                      "layers saves the difference.")
                       .arg(formatBytes(r.oneTagBytes), formatBytes(r.sumOverTags));
    if (m_failed > 0)
        text += QLatin1Char(' ') +
                tr("%n tag(s) could not be read and are left out.", nullptr, m_failed);
    if (!r.layers.empty())
        text += QLatin1Char(' ') + tr("Double-click a layer to open a tag that uses it.");
    m_status->setText(text);
    m_table->setSortingEnabled(false);
    m_table->setRowCount(static_cast<int>(r.layers.size()));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const inspect::LayerUse &use = r.layers[static_cast<std::size_t>(row)];
        m_table->setItem(row, SizeColumn,
                         readOnly(new NumberItem(formatBytes(use.size), use.size)));
        auto *layer =
            readOnly(new QTableWidgetItem(QString::fromStdString(use.digest.toString()).left(19)));
        layer->setToolTip(QString::fromStdString(use.digest.toString()));
        layer->setData(kFirstTagRole, use.tags.value(0));
        m_table->setItem(row, LayerColumn, layer);
        auto *tags = readOnly(new NumberItem(
            use.tags.size() == 1 ? tr("only %1").arg(use.tags.first())
                                 : tr("%n tag(s): %1", nullptr, static_cast<int>(use.tags.size()))
                                       .arg(use.tags.join(QStringLiteral(", "))),
            use.tags.size()));
        tags->setToolTip(use.images.join(QLatin1Char('\n')));
        m_table->setItem(row, TagsColumn, tags);
        auto *made = readOnly(new QTableWidgetItem(use.createdBy.simplified()));
        made->setToolTip(use.createdBy);
        m_table->setItem(row, CreatedByColumn, made);
    }
    m_table->resizeColumnToContents(SizeColumn);
    m_table->resizeColumnToContents(LayerColumn);
    m_table->setColumnWidth(TagsColumn, 260);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SizeColumn, Qt::DescendingOrder);
}

} // namespace berth::ui
