#pragma once

#include "credentials/docker_config_importer.h"
#include "credentials/registry_profile.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace berth::ui {

// Shows what ~/.docker/config.json (and its credential helpers) hold before
// anything is imported; the user ticks what to take. Imported secrets go to
// the keychain, never to Berth's settings.
class DockerImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DockerImportDialog(const QString &configPath, QWidget *parent = nullptr);

    // The ticked logins as profiles (ids assigned) with their secrets.
    QList<QPair<credentials::RegistryProfile, QString>> selected() const;
    bool isLoaded() const { return m_loaded; }

private:
    void onLoaded(const client::ClientResult<QList<credentials::DockerLogin>> &result);

    credentials::DockerConfigImporter *m_importer;
    QList<credentials::DockerLogin> m_logins;
    QTableWidget *m_table;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    bool m_loaded = false;
};

} // namespace berth::ui
