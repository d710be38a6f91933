#pragma once

#include "client/image_description.h"

#include <QPointer>
#include <QTabWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QCheckBox;

namespace berth::client {
class ReferrersJob;
class RegistrySession;
} // namespace berth::client

namespace berth::ui {

// The details pane of one tag: Overview, Layers, Config, Manifest,
// Platforms, Referrers. Shows what TagModel already described; only the
// Referrers tab asks the registry (when opened), and cancels when the
// selection moves on.
class ImageDetailsView : public QTabWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        OverviewTab,
        LayersTab,
        ConfigTab,
        ManifestTab,
        PlatformsTab,
        ReferrersTab
    };

    explicit ImageDetailsView(QWidget *parent = nullptr);

    void setSession(client::RegistrySession *session, const QString &registryHost);
    void showImage(const client::ImageDescription &description, const QString &tag);
    void showMessage(const QString &message);
    void clear();

    QString pullCommandForTag() const;
    QString pullCommandForDigest() const;

private:
    void fillOverview();
    void fillLayers();
    void fillConfig();
    void fillManifest();
    void fillPlatforms();
    void loadReferrers();

    QPointer<client::RegistrySession> m_session;
    QPointer<client::ReferrersJob> m_referrersJob;
    QString m_host;
    QString m_tag;
    std::optional<client::ImageDescription> m_image;
    bool m_referrersLoaded = false;

    QLabel *m_overview;
    QPushButton *m_copyTagPull;
    QPushButton *m_copyDigestPull;
    QTableWidget *m_layers;
    QTableWidget *m_config;
    QPlainTextEdit *m_manifest;
    QCheckBox *m_rawManifest;
    QTableWidget *m_platforms;
    QTableWidget *m_referrers;
    QLabel *m_referrersStatus;
};

} // namespace berth::ui
