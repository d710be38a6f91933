#include "ui/docker_import_dialog.h"

#include "credentials/profile_store.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace berth::ui {

DockerImportDialog::DockerImportDialog(const QString &configPath, QWidget *parent)
    : QDialog(parent)
    , m_importer(new credentials::DockerConfigImporter(this))
{
    setWindowTitle(tr("Import logins from Docker"));
    m_status = new QLabel(tr("Reading %1…").arg(configPath), this);
    m_status->setWordWrap(true);
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("table"));
    m_table->setHorizontalHeaderLabels({tr("Registry"), tr("Username"), tr("From"), tr("Status")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *import = m_buttons->addButton(tr("Import selected"), QDialogButtonBox::AcceptRole);
    import->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_importer, &credentials::DockerConfigImporter::finished, this,
            &DockerImportDialog::onLoaded);
    m_importer->start(configPath);
    resize(720, 360);
}

void DockerImportDialog::onLoaded(
    const client::ClientResult<QList<credentials::DockerLogin>> &result)
{
    m_loaded = true;
    if (!result.ok()) {
        m_status->setText(result.error().message);
        return;
    }
    m_logins = result.value();
    m_status->setText(m_logins.isEmpty()
                          ? tr("No logins found.")
                          : tr("Tick the logins to import. Secrets go to the system keychain."));
    for (const auto &login : std::as_const(m_logins)) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *registry = new QTableWidgetItem(login.address());
        const bool usable = login.error.isEmpty() && !login.secret.isEmpty();
        registry->setFlags(usable ? (Qt::ItemIsUserCheckable | Qt::ItemIsEnabled)
                                  : Qt::ItemIsUserCheckable);
        registry->setCheckState(usable ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(row, 0, registry);
        m_table->setItem(row, 1, new QTableWidgetItem(login.username));
        m_table->setItem(row, 2, new QTableWidgetItem(login.source));
        m_table->setItem(row, 3, new QTableWidgetItem(usable ? tr("ready") : login.error));
    }
    m_table->resizeColumnsToContents();
    m_buttons->buttons().constFirst()->setEnabled(true);
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(!m_logins.isEmpty());
    }
}

QList<QPair<credentials::RegistryProfile, QString>> DockerImportDialog::selected() const
{
    QList<QPair<credentials::RegistryProfile, QString>> out;
    for (int row = 0; row < m_table->rowCount() && row < m_logins.size(); ++row) {
        if (m_table->item(row, 0)->checkState() != Qt::Checked)
            continue;
        const auto &login = m_logins[row];
        credentials::RegistryProfile profile;
        profile.id = credentials::ProfileStore::newId();
        profile.url = login.address();
        profile.name = profile.url;
        profile.username = login.username;
        out.append({profile, login.secret});
    }
    return out;
}

} // namespace berth::ui
