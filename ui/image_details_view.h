#pragma once

#include "client/image_description.h"

#include <QPointer>
#include <QTabWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QCheckBox;

namespace berth::ui {
class FilesView;
}

namespace berth::client {
class ReferrersJob;
class RegistrySession;
} // namespace berth::client

namespace berth::ui {

// The details pane of one tag: Overview, Layers, Files, Config, Manifest,
// Platforms, Referrers. Shows what TagModel already described; only the
// Files and Referrers tabs ask the registry (when opened), and cancel when
// the selection moves on. For an image index, a platform chooser in the tab
// bar's corner (this machine's platform first) picks whose layers and
// config are shown; a row of the Platforms tab picks it too.
class ImageDetailsView : public QTabWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        OverviewTab,
        LayersTab,
        FilesTab,
        ConfigTab,
        ManifestTab,
        PlatformsTab,
        ReferrersTab
    };

    explicit ImageDetailsView(QWidget *parent = nullptr);

    void setSession(client::RegistrySession *session, const QString &registryHost);
    // `otherTags`: the repository's other tags of the same image (Overview).
    void showImage(const client::ImageDescription &description, const QString &tag,
                   const QStringList &otherTags = {});
    void showMessage(const QString &message);
    void clear();

    QString pullCommandForTag() const;
    QString pullCommandForDigest() const;

    // The platform whose layers and config are shown (index images only).
    void choosePlatform(int platform);

private:
    void clearShown();
    void showChosenPlatform();
    // The Files tab follows the image (and platform) shown.
    void showFilesOf(const client::CachedManifest *manifest);
    const client::PlatformImage *chosenPlatform() const;
    // The manifest and config Layers and Config show: the tag's own, or
    // the chosen platform's.
    const client::CachedManifest *shownManifest() const;
    const client::CachedConfig *shownConfig() const;
    QString whyNoImage() const;

    void fillOverview();
    void fillPlatformChooser();
    void fillLayers();
    void fillConfig();
    void fillManifest();
    void fillPlatforms();
    void loadReferrers();

    QPointer<client::RegistrySession> m_session;
    QPointer<client::ReferrersJob> m_referrersJob;
    QString m_host;
    QString m_tag;
    QStringList m_otherTags;
    std::optional<client::ImageDescription> m_image;
    bool m_referrersLoaded = false;

    QLabel *m_overview;
    QPushButton *m_copyTagPull;
    QPushButton *m_copyDigestPull;
    QComboBox *m_platformChooser;
    QWidget *m_platformCorner;
    QLabel *m_layersStatus;
    QTableWidget *m_layers;
    FilesView *m_files;
    QLabel *m_configStatus;
    QTableWidget *m_config;
    QPlainTextEdit *m_manifest;
    QCheckBox *m_rawManifest;
    QLabel *m_platformsStatus;
    QTableWidget *m_platforms;
    QTableWidget *m_referrers;
    QLabel *m_referrersStatus;
};

} // namespace berth::ui
