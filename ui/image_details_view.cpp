#include "ui/image_details_view.h"

#include "client/referrers_job.h"
#include "client/registry_session.h"
#include "ui/details_table.h"
#include "ui/files_view.h"
#include "ui/json_highlighter.h"
#include "ui/size_format.h"
#include "ui/time_format.h"

#include "oci/image_config.h"
#include "oci/platform.h"
#include "oci/timestamp.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// A tab page: a line of explanation (hidden when there is none) over a table.
QWidget *tablePage(QLabel *&status, QTableWidget *table, const char *statusName, QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    status = new QLabel(page);
    status->setObjectName(QLatin1String(statusName));
    status->setWordWrap(true);
    status->setContentsMargins(6, 6, 6, 6);
    status->hide();
    table->setParent(page);
    layout->addWidget(status);
    layout->addWidget(table);
    return page;
}

void say(QLabel *status, const QString &text)
{
    status->setText(text);
    status->setVisible(!text.isEmpty());
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

    m_layers = makeDetailsTable(
        {tr("#"), tr("Digest"), tr("Media type"), tr("Size"), tr("Created by")}, this);
    m_layers->setObjectName(QStringLiteral("layers"));
    // Columns as wide as what they hold; "Created by" takes the rest.
    for (int column = 0; column < 4; ++column)
        m_layers->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    addTab(tablePage(m_layersStatus, m_layers, "layersStatus", this), tr("Layers"));
    m_files = new FilesView(this);
    m_files->setObjectName(QStringLiteral("files"));
    addTab(m_files, tr("Files"));
    m_config = makeDetailsTable({tr("Field"), tr("Value")}, this);
    m_config->setObjectName(QStringLiteral("config"));
    addTab(tablePage(m_configStatus, m_config, "configStatus", this), tr("Config"));

    auto *manifestPage = new QWidget(this);
    auto *manifestLayout = new QVBoxLayout(manifestPage);
    m_rawManifest = new QCheckBox(tr("Raw bytes"), manifestPage);
    m_manifest = new QPlainTextEdit(manifestPage);
    m_manifest->setReadOnly(true);
    m_manifest->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_manifest->setLineWrapMode(QPlainTextEdit::NoWrap);
    new JsonHighlighter(m_manifest);
    connect(m_rawManifest, &QCheckBox::toggled, this, &ImageDetailsView::fillManifest);
    manifestLayout->addWidget(m_rawManifest);
    manifestLayout->addWidget(m_manifest);
    addTab(manifestPage, tr("Manifest"));

    m_platforms = makeDetailsTable(
        {tr("Platform"), tr("Kind"), tr("Digest"), tr("Size"), tr("Created")}, this);
    m_platforms->setObjectName(QStringLiteral("platforms"));
    addTab(tablePage(m_platformsStatus, m_platforms, "platformsStatus", this), tr("Platforms"));
    // Selecting a platform's row shows its layers and config; activating
    // it (double-click, Enter) goes to them.
    connect(m_platforms, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_platforms->currentRow();
        if (row >= 0 && m_platforms->item(row, 0))
            choosePlatform(m_platforms->item(row, 0)->data(Qt::UserRole).toInt());
    });
    connect(m_platforms, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (m_platforms->item(row, 0) && m_platforms->item(row, 0)->data(Qt::UserRole).toInt() >= 0)
            setCurrentIndex(LayersTab);
    });

    m_platformCorner = new QWidget(this);
    auto *cornerLayout = new QHBoxLayout(m_platformCorner);
    cornerLayout->setContentsMargins(6, 0, 6, 0);
    m_platformChooser = new QComboBox(m_platformCorner);
    m_platformChooser->setObjectName(QStringLiteral("platformChooser"));
    m_platformChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *platformLabel = new QLabel(tr("Platform:"), m_platformCorner);
    platformLabel->setBuddy(m_platformChooser);
    cornerLayout->addWidget(platformLabel);
    cornerLayout->addWidget(m_platformChooser);
    setCornerWidget(m_platformCorner, Qt::TopRightCorner);
    connect(m_platformChooser, &QComboBox::currentIndexChanged, this,
            &ImageDetailsView::showChosenPlatform);

    auto *refPage = new QWidget(this);
    auto *refLayout = new QVBoxLayout(refPage);
    m_referrersStatus = new QLabel(refPage);
    m_referrers = makeDetailsTable(
        {tr("Artifact type"), tr("Digest"), tr("Size"), tr("Annotations")}, refPage);
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
    clearShown();
    m_files->setImage(nullptr, {}, {});
}

void ImageDetailsView::clearShown()
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
    for (QLabel *status : {m_layersStatus, m_configStatus, m_platformsStatus})
        say(status, {});
    {
        const QSignalBlocker blocker(m_platformChooser);
        m_platformChooser->clear();
    }
    m_platformCorner->hide();
    m_manifest->clear();
    m_referrersStatus->clear();
}

void ImageDetailsView::showMessage(const QString &message)
{
    clear();
    m_overview->setText(message.toHtmlEscaped());
}

void ImageDetailsView::showImage(const client::ImageDescription &description, const QString &tag,
                                 const QStringList &otherTags)
{
    clearShown();
    m_image = description;
    m_tag = tag;
    m_otherTags = otherTags;
    m_copyTagPull->setEnabled(true);
    m_copyDigestPull->setEnabled(description.manifest != nullptr);
    fillOverview();
    fillPlatformChooser();
    fillLayers();
    fillConfig();
    fillManifest();
    fillPlatforms();
    showFilesOf(shownManifest());
    if (currentIndex() == ReferrersTab)
        loadReferrers();
}

void ImageDetailsView::showFilesOf(const client::CachedManifest *manifest)
{
    const bool image = m_image && manifest && manifest->parsed && manifest->parsed->image();
    m_files->setImage(m_session, m_image ? m_image->repository : QString(),
                      image ? QString::fromStdString(manifest->digest.toString()) : QString());
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
    if (!m_otherTags.isEmpty())
        row(tr("Also tagged"), m_otherTags.join(QStringLiteral(", ")));
    if (d.manifest) {
        row(tr("Digest"), qs(d.manifest->digest.toString()));
        row(tr("Media type"), d.manifest->mediaType);
    }
    row(tr("Size"),
        d.size >= 0 ? tr("%1 (%2 bytes)").arg(formatBytes(d.size)).arg(d.size) : tr("unknown"));
    row(tr("Platforms"), d.platformNames().join(QStringLiteral(", ")));
    if (d.created)
        row(tr("Created"), QStringLiteral("%1 (%2)").arg(formatTime(*d.created),
                                                         qs(oci::formatRfc3339(*d.created))));
    if (!d.attestations.isEmpty())
        row(tr("Attestations"), QString::number(d.attestations.size()));
    html += QStringLiteral("</table>");
    m_overview->setText(html);
}

void ImageDetailsView::choosePlatform(int platform)
{
    const int item = m_platformChooser->findData(platform);
    if (item >= 0)
        m_platformChooser->setCurrentIndex(item);
}

void ImageDetailsView::showChosenPlatform()
{
    m_layers->setRowCount(0);
    m_config->setRowCount(0);
    if (!m_image)
        return;
    fillLayers();
    fillConfig();
    showFilesOf(shownManifest());
    const int platform = m_platformChooser->currentData().toInt();
    for (int row = 0; row < m_platforms->rowCount(); ++row) {
        if (m_platforms->item(row, 0)->data(Qt::UserRole).toInt() == platform &&
            m_platforms->currentRow() != row)
            m_platforms->selectRow(row);
    }
}

const client::PlatformImage *ImageDetailsView::chosenPlatform() const
{
    if (!m_image || !m_image->isIndex() || m_platformChooser->currentIndex() < 0)
        return nullptr;
    const int platform = m_platformChooser->currentData().toInt();
    return platform >= 0 && platform < m_image->platforms.size() ? &m_image->platforms[platform]
                                                                 : nullptr;
}

const client::CachedManifest *ImageDetailsView::shownManifest() const
{
    if (m_image && m_image->isIndex()) {
        const client::PlatformImage *p = chosenPlatform();
        return p ? p->manifest.get() : nullptr;
    }
    return m_image ? m_image->manifest.get() : nullptr;
}

const client::CachedConfig *ImageDetailsView::shownConfig() const
{
    if (m_image && m_image->isIndex()) {
        const client::PlatformImage *p = chosenPlatform();
        return p ? p->config.get() : nullptr;
    }
    return m_image ? m_image->config.get() : nullptr;
}

void ImageDetailsView::fillPlatformChooser()
{
    const QSignalBlocker blocker(m_platformChooser);
    m_platformChooser->clear();
    if (!m_image->isIndex() || m_image->platforms.isEmpty())
        return;
    std::vector<oci::Platform> platforms;
    for (qsizetype i = 0; i < m_image->platforms.size(); ++i) {
        const auto &descriptor = m_image->platforms[i].descriptor;
        platforms.push_back(descriptor.platform.value_or(oci::Platform{}));
        m_platformChooser->addItem(descriptor.platform ? qs(descriptor.platform->toString())
                                                       : tr("platform %1").arg(i + 1),
                                   int(i));
    }
    m_platformChooser->setCurrentIndex(oci::preferredPlatform(platforms, oci::hostPlatform()));
    m_platformCorner->setVisible(m_image->platforms.size() > 1);
}

// Why Layers and Config are empty, in words; empty when they are not.
QString ImageDetailsView::whyNoImage() const
{
    if (m_image->isIndex()) {
        const client::PlatformImage *p = chosenPlatform();
        if (!p)
            return tr("This image index lists no platforms.");
        if (!p->error.isEmpty())
            return tr("The %1 image could not be read: %2")
                .arg(m_platformChooser->currentText(), p->error);
    }
    const client::CachedManifest *manifest = shownManifest();
    if (!manifest || !manifest->parsed)
        return tr("The manifest has not been read.");
    if (manifest->parsed->schema1())
        return tr("A Docker schema 1 manifest: it lists layers without sizes or media types. "
                  "The Manifest tab shows it whole.");
    return {};
}

void ImageDetailsView::fillLayers()
{
    const QString why = whyNoImage();
    say(m_layersStatus, why);
    const client::CachedManifest *manifest = shownManifest();
    const oci::ImageManifest *image =
        why.isEmpty() && manifest->parsed ? manifest->parsed->image() : nullptr;
    if (!image)
        return;
    const client::CachedConfig *cached = shownConfig();
    const oci::ImageConfig *config = cached ? cached->config.get() : nullptr;
    const auto historyOf = config ? oci::layerHistoryIndex(*config, image->layers.size())
                                  : std::vector<std::optional<std::size_t>>(image->layers.size());
    if (image->layers.empty())
        say(m_layersStatus, tr("This manifest has no layers (an artifact or an empty image)."));
    for (std::size_t i = 0; i < image->layers.size(); ++i) {
        const oci::Descriptor &layer = image->layers[i];
        QString createdBy;
        if (config && historyOf[i])
            createdBy = qs(config->history[*historyOf[i]].createdBy);
        const QString digest = qs(layer.digest.toString());
        const QString mediaType = qs(layer.mediaType);
        addDetailsRow(m_layers, {QString::number(i + 1), shortDigest(digest),
                                 shortMediaType(mediaType), formatBytes(layer.size), createdBy});
        const int row = m_layers->rowCount() - 1;
        m_layers->item(row, 1)->setToolTip(digest);
        m_layers->item(row, 1)->setData(Qt::UserRole, digest);
        m_layers->item(row, 2)->setToolTip(mediaType);
    }
}

void ImageDetailsView::fillConfig()
{
    const QString why = whyNoImage();
    const client::CachedConfig *cached = shownConfig();
    const oci::ImageConfig *c = why.isEmpty() && cached ? cached->config.get() : nullptr;
    if (!c) {
        const client::CachedManifest *manifest = shownManifest();
        const oci::ImageManifest *image =
            manifest && manifest->parsed ? manifest->parsed->image() : nullptr;
        say(m_configStatus, !why.isEmpty() ? why
                            : image        ? tr("Not a container image: its config is of type %1.")
                                          .arg(qs(image->config.mediaType))
                                    : tr("This manifest has no config."));
        return;
    }
    say(m_configStatus, {});
    auto row = [this](const QString &field, const QString &value) {
        addDetailsRow(m_config, {field, value});
    };
    row(tr("Platform"), qs(oci::Platform{c->architecture, c->os, c->variant, {}, {}}.toString()));
    row(tr("Entrypoint"), joined(c->entrypoint));
    row(tr("Cmd"), joined(c->cmd));
    row(tr("WorkingDir"), qs(c->workingDir));
    row(tr("User"), qs(c->user));
    for (const auto &e : c->env)
        row(tr("Env"), qs(e));
    for (const auto &[k, v] : c->labels)
        row(tr("Label"), qs(k) + QLatin1Char('=') + qs(v));
    row(tr("Exposed ports"), joined(c->exposedPorts, QStringLiteral(", ")));
    row(tr("Volumes"), joined(c->volumes, QStringLiteral(", ")));
    for (const auto &h : c->history)
        row(h.emptyLayer ? tr("History (no layer)") : tr("History"), qs(h.createdBy));
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
    if (!m_image->isIndex()) {
        const QStringList names = m_image->platformNames();
        say(m_platformsStatus,
            names.isEmpty()
                ? tr("This tag is a single image, not an index of platforms.")
                : tr("This tag is a single image for %1, not an index of platforms: its layers "
                     "and config are in their own tabs.")
                      .arg(names.first()));
        return;
    }
    say(m_platformsStatus, m_image->platforms.size() > 1
                               ? tr("Select a platform to see its layers and config; "
                                    "double-click to go to them.")
                               : QString());
    const QSignalBlocker blocker(m_platforms);
    auto add = [this](const client::PlatformImage &p, const QString &kind, int platform) {
        const QString name =
            p.descriptor.platform ? qs(p.descriptor.platform->toString()) : QString();
        const QString created = p.config && p.config->config && p.config->config->created
                                    ? formatTime(*p.config->config->created)
                                    : QString();
        addDetailsRow(m_platforms,
                      {name, p.error.isEmpty() ? kind : kind + QStringLiteral(" — ") + p.error,
                       qs(p.descriptor.digest.toString()),
                       p.size >= 0 ? formatBytes(p.size) : QString(), created});
        m_platforms->item(m_platforms->rowCount() - 1, 0)->setData(Qt::UserRole, platform);
    };
    for (qsizetype i = 0; i < m_image->platforms.size(); ++i)
        add(m_image->platforms[i], tr("image"), int(i));
    for (const auto &p : m_image->attestations)
        add(p, tr("attestation"), -1);
    m_platforms->resizeColumnsToContents();
    if (m_platformChooser->currentIndex() >= 0)
        m_platforms->selectRow(m_platformChooser->currentData().toInt());
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
                addDetailsRow(m_referrers,
                              {qs(d.artifactType.empty() ? d.mediaType : d.artifactType),
                               qs(d.digest.toString()), formatBytes(d.size),
                               annotations.join(QStringLiteral("; "))});
            }
        });
}

} // namespace berth::ui
