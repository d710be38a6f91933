#include "ui/image_details_view.h"

#include "client/referrers_job.h"
#include "client/registry_session.h"
#include "ui/json_highlighter.h"
#include "ui/size_format.h"

#include "oci/image_config.h"
#include "oci/timestamp.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cstring>

namespace berth::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->setTextElideMode(Qt::ElideMiddle);
    return t;
}

void addRow(QTableWidget *t, const QStringList &cells)
{
    const int row = t->rowCount();
    t->insertRow(row);
    for (int c = 0; c < cells.size() && c < t->columnCount(); ++c) {
        auto *item = new QTableWidgetItem(cells[c]);
        item->setToolTip(cells[c]);
        t->setItem(row, c, item);
    }
}

// "sha256:97fe10b1c5d2…": enough to tell layers apart; the whole digest is
// in the tooltip and the item's UserRole.
QString shortDigest(const QString &digest)
{
    const qsizetype colon = digest.indexOf(QLatin1Char(':'));
    return colon < 0 || digest.size() <= colon + 13 ? digest
                                                    : digest.left(colon + 13) + QChar(0x2026);
}

// "tar+gzip" for the OCI and Docker layer types; others stay whole.
QString shortMediaType(const QString &type)
{
    for (const char *prefix :
         {"application/vnd.oci.image.layer.v1.", "application/vnd.docker.image.rootfs.diff.",
          "application/vnd.docker.image.rootfs.foreign.diff."}) {
        if (type.startsWith(QLatin1String(prefix)))
            return type.mid(qsizetype(std::strlen(prefix)));
    }
    return type;
}

QString joined(const std::vector<std::string> &items, const QString &sep = QStringLiteral(" "))
{
    QStringList out;
    for (const auto &s : items)
        out.append(qs(s));
    return out.join(sep);
}

} // namespace

ImageDetailsView::ImageDetailsView(QWidget *parent)
    : QTabWidget(parent)
{
    setDocumentMode(true);
    auto *overviewPage = new QWidget(this);
    auto *overviewLayout = new QVBoxLayout(overviewPage);
    m_overview = new QLabel(overviewPage);
    m_overview->setTextFormat(Qt::RichText);
    m_overview->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_overview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_overview->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    m_copyTagPull = new QPushButton(tr("Copy pull command (tag)"), overviewPage);
    m_copyDigestPull = new QPushButton(tr("Copy pull command (digest)"), overviewPage);
    connect(m_copyTagPull, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(pullCommandForTag()); });
    connect(m_copyDigestPull, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(pullCommandForDigest()); });
    buttons->addWidget(m_copyTagPull);
    buttons->addWidget(m_copyDigestPull);
    buttons->addStretch();
    overviewLayout->addWidget(m_overview);
    overviewLayout->addLayout(buttons);
    overviewLayout->addStretch();
    addTab(overviewPage, tr("Overview"));

    m_layers =
        makeTable({tr("#"), tr("Digest"), tr("Media type"), tr("Size"), tr("Created by")}, this);
    // Columns as wide as what they hold; "Created by" takes the rest.
    for (int column = 0; column < 4; ++column)
        m_layers->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    addTab(m_layers, tr("Layers"));
    m_config = makeTable({tr("Field"), tr("Value")}, this);
    addTab(m_config, tr("Config"));

    auto *manifestPage = new QWidget(this);
    auto *manifestLayout = new QVBoxLayout(manifestPage);
    m_rawManifest = new QCheckBox(tr("Raw bytes"), manifestPage);
    m_manifest = new QPlainTextEdit(manifestPage);
    m_manifest->setReadOnly(true);
    m_manifest->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_manifest->setLineWrapMode(QPlainTextEdit::NoWrap);
    new JsonHighlighter(m_manifest->document());
    connect(m_rawManifest, &QCheckBox::toggled, this, &ImageDetailsView::fillManifest);
    manifestLayout->addWidget(m_rawManifest);
    manifestLayout->addWidget(m_manifest);
    addTab(manifestPage, tr("Manifest"));

    m_platforms =
        makeTable({tr("Platform"), tr("Kind"), tr("Digest"), tr("Size"), tr("Created")}, this);
    addTab(m_platforms, tr("Platforms"));

    auto *refPage = new QWidget(this);
    auto *refLayout = new QVBoxLayout(refPage);
    m_referrersStatus = new QLabel(refPage);
    m_referrers =
        makeTable({tr("Artifact type"), tr("Digest"), tr("Size"), tr("Annotations")}, refPage);
    refLayout->addWidget(m_referrersStatus);
    refLayout->addWidget(m_referrers);
    addTab(refPage, tr("Referrers"));

    connect(this, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == ReferrersTab)
            loadReferrers();
    });
    clear();
}

void ImageDetailsView::setSession(client::RegistrySession *session, const QString &registryHost)
{
    m_session = session;
    m_host = registryHost;
    clear();
}

void ImageDetailsView::clear()
{
    if (m_referrersJob)
        m_referrersJob->cancel();
    m_image.reset();
    m_tag.clear();
    m_referrersLoaded = false;
    m_overview->setText(tr("<i>Select a tag to see its details.</i>"));
    m_copyTagPull->setEnabled(false);
    m_copyDigestPull->setEnabled(false);
    for (QTableWidget *t : {m_layers, m_config, m_platforms, m_referrers})
        t->setRowCount(0);
    m_manifest->clear();
    m_referrersStatus->clear();
}

void ImageDetailsView::showMessage(const QString &message)
{
    clear();
    m_overview->setText(message.toHtmlEscaped());
}

void ImageDetailsView::showImage(const client::ImageDescription &description, const QString &tag)
{
    clear();
    m_image = description;
    m_tag = tag;
    m_copyTagPull->setEnabled(true);
    m_copyDigestPull->setEnabled(description.manifest != nullptr);
    fillOverview();
    fillLayers();
    fillConfig();
    fillManifest();
    fillPlatforms();
    if (currentIndex() == ReferrersTab)
        loadReferrers();
}

QString ImageDetailsView::pullCommandForTag() const
{
    if (!m_image)
        return {};
    return QStringLiteral("docker pull %1/%2:%3").arg(m_host, m_image->repository, m_tag);
}

QString ImageDetailsView::pullCommandForDigest() const
{
    if (!m_image || !m_image->manifest)
        return {};
    return QStringLiteral("docker pull %1/%2@%3")
        .arg(m_host, m_image->repository, qs(m_image->manifest->digest.toString()));
}

void ImageDetailsView::fillOverview()
{
    const client::ImageDescription &d = *m_image;
    QString html = QStringLiteral("<table cellspacing='6'>");
    auto row = [&html](const QString &key, const QString &value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(key.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(tr("Reference"), QStringLiteral("%1/%2:%3").arg(m_host, d.repository, m_tag));
    if (d.manifest) {
        row(tr("Digest"), qs(d.manifest->digest.toString()));
        row(tr("Media type"), d.manifest->mediaType);
    }
    row(tr("Size"), d.size >= 0
                        ? QStringLiteral("%1 (%2 bytes)").arg(formatBytes(d.size)).arg(d.size)
                        : tr("unknown"));
    row(tr("Platforms"), d.platformNames().join(QStringLiteral(", ")));
    if (d.created)
        row(tr("Created"), qs(oci::formatRfc3339(*d.created)));
    if (!d.attestations.isEmpty())
        row(tr("Attestations"), QString::number(d.attestations.size()));
    html += QStringLiteral("</table>");
    m_overview->setText(html);
}

void ImageDetailsView::fillLayers()
{
    const client::ImageDescription &d = *m_image;
    const oci::ImageManifest *image =
        d.manifest && d.manifest->parsed ? d.manifest->parsed->image() : nullptr;
    if (!image)
        return;
    const oci::ImageConfig *config = d.config ? d.config->config.get() : nullptr;
    const auto historyOf = config ? oci::layerHistoryIndex(*config, image->layers.size())
                                  : std::vector<std::optional<std::size_t>>(image->layers.size());
    for (std::size_t i = 0; i < image->layers.size(); ++i) {
        const oci::Descriptor &layer = image->layers[i];
        QString createdBy;
        if (config && historyOf[i])
            createdBy = qs(config->history[*historyOf[i]].createdBy);
        const QString digest = qs(layer.digest.toString());
        const QString mediaType = qs(layer.mediaType);
        addRow(m_layers, {QString::number(i + 1), shortDigest(digest), shortMediaType(mediaType),
                          formatBytes(layer.size), createdBy});
        const int row = m_layers->rowCount() - 1;
        m_layers->item(row, 1)->setToolTip(digest);
        m_layers->item(row, 1)->setData(Qt::UserRole, digest);
        m_layers->item(row, 2)->setToolTip(mediaType);
    }
}

void ImageDetailsView::fillConfig()
{
    const oci::ImageConfig *c = m_image->config ? m_image->config->config.get() : nullptr;
    if (!c)
        return;
    addRow(m_config, {tr("Entrypoint"), joined(c->entrypoint)});
    addRow(m_config, {tr("Cmd"), joined(c->cmd)});
    addRow(m_config, {tr("WorkingDir"), qs(c->workingDir)});
    addRow(m_config, {tr("User"), qs(c->user)});
    for (const auto &e : c->env)
        addRow(m_config, {tr("Env"), qs(e)});
    for (const auto &[k, v] : c->labels)
        addRow(m_config, {tr("Label"), qs(k) + QLatin1Char('=') + qs(v)});
    addRow(m_config, {tr("Exposed ports"), joined(c->exposedPorts, QStringLiteral(", "))});
    addRow(m_config, {tr("Volumes"), joined(c->volumes, QStringLiteral(", "))});
    for (const auto &h : c->history)
        addRow(m_config,
               {h.emptyLayer ? tr("History (no layer)") : tr("History"), qs(h.createdBy)});
    m_config->resizeColumnToContents(0);
}

void ImageDetailsView::fillManifest()
{
    if (!m_image || !m_image->manifest)
        return;
    const QByteArray &bytes = m_image->manifest->bytes;
    if (m_rawManifest->isChecked()) {
        m_manifest->setPlainText(QString::fromUtf8(bytes));
        return;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    m_manifest->setPlainText(doc.isNull() ? QString::fromUtf8(bytes)
                                          : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
}

void ImageDetailsView::fillPlatforms()
{
    auto add = [this](const client::PlatformImage &p, const QString &kind) {
        const QString platform =
            p.descriptor.platform ? qs(p.descriptor.platform->toString()) : QString();
        const QString created = p.config && p.config->config && p.config->config->created
                                    ? qs(oci::formatRfc3339(*p.config->config->created))
                                    : QString();
        addRow(m_platforms,
               {platform, p.error.isEmpty() ? kind : kind + QStringLiteral(" — ") + p.error,
                qs(p.descriptor.digest.toString()), p.size >= 0 ? formatBytes(p.size) : QString(),
                created});
    };
    for (const auto &p : m_image->platforms)
        add(p, tr("image"));
    for (const auto &p : m_image->attestations)
        add(p, tr("attestation"));
    m_platforms->resizeColumnsToContents();
}

void ImageDetailsView::loadReferrers()
{
    if (!m_image || !m_image->manifest || m_referrersLoaded || !m_session)
        return;
    m_referrersLoaded = true;
    m_referrersStatus->setText(tr("Asking the registry…"));
    m_referrersJob = m_session->listReferrers(m_image->repository, m_image->manifest->digest);
    m_referrersJob->setParent(this);
    connect(
        m_referrersJob, &client::ReferrersJob::finished, this,
        [this](const client::ClientResult<client::Referrers> &r) {
            if (!r.ok()) {
                m_referrersStatus->setText(r.error().message);
                return;
            }
            m_referrersStatus->setText(
                r->manifests.isEmpty()
                    ? tr("No signatures, SBOMs or attestations refer to this image.")
                : r->viaTagSchema
                    ? tr("Found through the referrers tag (this registry has no referrers API).")
                    : QString());
            for (const auto &d : r->manifests) {
                QStringList annotations;
                for (const auto &[k, v] : d.annotations)
                    annotations.append(qs(k) + QLatin1Char('=') + qs(v));
                addRow(m_referrers, {qs(d.artifactType.empty() ? d.mediaType : d.artifactType),
                                     qs(d.digest.toString()), formatBytes(d.size),
                                     annotations.join(QStringLiteral("; "))});
            }
        });
}

} // namespace berth::ui
