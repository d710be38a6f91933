#include "main_window.h"

#include "bulk_delete_dialog.h"
#include "delete_tag_dialog.h"
#include "docker_import_dialog.h"
#include "garbage_collect_dialog.h"
#include "image_details_view.h"
#include "local_registry_panel.h"
#include "registry_dialog.h"
#include "registry_gc_dialog.h"
#include "repository_model.h"
#include "request_log_model.h"
#include "retention_dialog.h"
#include "search_panel.h"
#include "size_format.h"
#include "storage_inspector_dialog.h"
#include "tag_filter_model.h"
#include "tag_model.h"

#include "delete_manifest_job.h"
#include "delete_tag_job.h"
#include "local_registry.h"
#include "ping_job.h"
#include "profile_store.h"
#include "registry_session.h"
#include "remove_repository_job.h"
#include "secret_store.h"
#include "store_tasks.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <unordered_set>

namespace berth::ui {

namespace {

constexpr int kQuitStopTimeoutMs = 5000; // then SIGKILL

} // namespace

MainWindow::MainWindow(QSettings *settings, credentials::SecretStore *secrets, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings ? settings : new QSettings())
    , m_ownsSettings(settings == nullptr)
    , m_profileStore(std::make_unique<credentials::ProfileStore>(m_settings))
    , m_secrets(secrets ? secrets : new credentials::SecretStore(QStringLiteral("Berth"), this))
    , m_repositories(new RepositoryModel(this))
    , m_repoFilter(new QSortFilterProxyModel(this))
    , m_tags(new TagModel(this))
    , m_tagFilter(new TagFilterModel(this))
    , m_log(new RequestLogModel(2000, this))
    , m_localRegistry(new local::LocalRegistry(LocalRegistryPanel::workDirectory(m_settings), this))
{
    setWindowTitle(tr("Berth"));
    connect(m_localRegistry, &local::LocalRegistry::stateChanged, this,
            &MainWindow::onLocalRegistryState);
    buildUi();
    buildMenus();
    restoreState();
    reloadProfiles(m_settings->value(QStringLiteral("window/registry")).toString());
}

MainWindow::~MainWindow()
{
    // Models first: they cancel their jobs before the session goes.
    m_tags->setRepository(nullptr, {});
    m_repositories->setSession(nullptr);
    if (m_ownsSettings)
        delete m_settings;
}

void MainWindow::buildUi()
{
    // Left: registry, repository filter, repository tree.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    auto *registryRow = new QHBoxLayout;
    m_registryBox = new QComboBox(left);
    m_registryBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *addButton = new QToolButton(left);
    addButton->setText(QStringLiteral("+"));
    addButton->setToolTip(tr("Add a registry"));
    auto *editButton = new QToolButton(left);
    editButton->setText(QStringLiteral("…"));
    editButton->setToolTip(tr("Edit this registry"));
    registryRow->addWidget(m_registryBox, 1);
    registryRow->addWidget(addButton);
    registryRow->addWidget(editButton);
    m_repoFilterEdit = new QLineEdit(left);
    m_repoFilterEdit->setPlaceholderText(tr("Filter repositories"));
    m_repoFilterEdit->setClearButtonEnabled(true);
    m_repoView = new QTreeView(left);
    m_repoView->setHeaderHidden(true);
    m_repoView->setUniformRowHeights(true);
    m_repoFilter->setSourceModel(m_repositories);
    m_repoFilter->setRecursiveFilteringEnabled(true);
    m_repoFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_repoFilter->setFilterRole(Qt::ToolTipRole);
    m_repoView->setModel(m_repoFilter);
    m_addByName = new QPushButton(tr("Add repository by name…"), left);
    m_addByName->setVisible(false);
    leftLayout->addLayout(registryRow);
    leftLayout->addWidget(m_repoFilterEdit);
    leftLayout->addWidget(m_repoView, 1);
    leftLayout->addWidget(m_addByName);

    // Right: summary + tag filter + tag table, details below.
    auto *tagsPane = new QWidget(this);
    auto *tagsLayout = new QVBoxLayout(tagsPane);
    tagsLayout->setContentsMargins(0, 6, 6, 0);
    m_summary = new QLabel(tagsPane);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *filterRow = new QHBoxLayout;
    m_tagFilterEdit = new QLineEdit(tagsPane);
    m_tagFilterEdit->setPlaceholderText(tr("Filter tags (Ctrl+F)"));
    m_tagFilterEdit->setClearButtonEnabled(true);
    m_tagRegex = new QCheckBox(tr("Regex"), tagsPane);
    filterRow->addWidget(m_tagFilterEdit, 1);
    filterRow->addWidget(m_tagRegex);
    m_tagView = new QTableView(tagsPane);
    m_tagFilter->setSourceModel(m_tags);
    m_tagView->setModel(m_tagFilter);
    m_tagView->setSortingEnabled(true);
    m_tagView->sortByColumn(-1, Qt::AscendingOrder);
    m_tagView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tagView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tagView->verticalHeader()->setVisible(false);
    m_tagView->verticalHeader()->setDefaultSectionSize(m_tagView->fontMetrics().height() + 6);
    m_tagView->horizontalHeader()->setStretchLastSection(true);
    m_tagView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_tagView->setColumnWidth(TagModel::TagColumn, 180);
    m_tagView->setColumnWidth(TagModel::DigestColumn, 160);
    m_tagView->setColumnWidth(TagModel::SizeColumn, 90);
    m_tagView->setColumnWidth(TagModel::PlatformsColumn, 200);
    m_tagView->setWordWrap(false);
    tagsLayout->addWidget(m_summary);
    tagsLayout->addLayout(filterRow);
    tagsLayout->addWidget(m_tagView, 1);

    m_details = new ImageDetailsView(this);
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->addWidget(tagsPane);
    m_rightSplitter->addWidget(m_details);
    m_rightSplitter->setStretchFactor(0, 3);
    m_rightSplitter->setStretchFactor(1, 2);
    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->addWidget(left);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 3);
    setCentralWidget(m_mainSplitter);

    // Search across the registry.
    m_searchDock = new QDockWidget(tr("Search registry"), this);
    m_searchDock->setObjectName(QStringLiteral("search"));
    m_search = new SearchPanel(m_searchDock);
    m_searchDock->setWidget(m_search);
    addDockWidget(Qt::LeftDockWidgetArea, m_searchDock);
    m_searchDock->hide(); // Ctrl+Shift+F shows it
    connect(m_search, &SearchPanel::openRequested, this, &MainWindow::openTag);

    // Request log.
    auto *dock = new QDockWidget(tr("Request log"), this);
    dock->setObjectName(QStringLiteral("requestLog"));
    auto *logView = new QTableView(dock);
    logView->setModel(m_log);
    logView->verticalHeader()->setVisible(false);
    logView->horizontalHeader()->setStretchLastSection(true);
    logView->verticalHeader()->setDefaultSectionSize(logView->fontMetrics().height() + 4);
    logView->setWordWrap(false);
    logView->setTextElideMode(Qt::ElideMiddle);
    const int digit = logView->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    logView->setColumnWidth(RequestLogModel::TimeColumn, digit * 14);
    logView->setColumnWidth(RequestLogModel::MethodColumn, digit * 9);
    logView->setColumnWidth(RequestLogModel::StatusColumn, digit * 8);
    logView->setColumnWidth(RequestLogModel::DurationColumn, digit * 7);
    logView->setColumnWidth(RequestLogModel::BytesColumn, digit * 12);
    dock->setWidget(logView);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    connect(m_log, &QAbstractItemModel::rowsInserted, logView,
            [logView] { logView->scrollToBottom(); });

    // Status bar: words, progress, cancel.
    m_status = new QLabel(this);
    connect(m_status, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("gc"))
            collectGarbage();
    });
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(180);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setVisible(false);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);

    connect(m_registryBox, &QComboBox::activated, this,
            [this](int index) { selectRegistry(m_registryBox->itemData(index).toString()); });
    connect(addButton, &QToolButton::clicked, this, &MainWindow::addRegistry);
    connect(editButton, &QToolButton::clicked, this, &MainWindow::editRegistry);
    connect(m_repoFilterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_repoFilter->setFilterFixedString(text);
        if (!text.isEmpty()) {
            m_repoView->expandAll();
            // Filtering covers the whole catalog, not only loaded pages.
            if (m_repositories->canFetchMore({}))
                m_repositories->fetchMore({});
        }
    });
    connect(m_repositories, &RepositoryModel::loadingChanged, this, [this](bool loading) {
        if (!loading && !m_repoFilterEdit->text().isEmpty() && m_repositories->canFetchMore({}))
            m_repositories->fetchMore({});
        updateBusy();
        if (!loading && !m_catalogFailed)
            offerDemoImages();
    });
    connect(m_repositories, &RepositoryModel::loadFailed, this,
            [this](const client::ClientError &error) {
                m_catalogFailed = true;
                m_addByName->setVisible(error.kind == client::ClientErrorKind::CatalogUnavailable);
                showError(error);
            });
    connect(m_repoView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onRepositorySelected);
    connect(m_addByName, &QPushButton::clicked, this, &MainWindow::addRepositoryByName);
    connect(m_tagFilterEdit, &QLineEdit::textChanged, this, &MainWindow::applyTagFilter);
    connect(m_tagRegex, &QCheckBox::toggled, this, &MainWindow::applyTagFilter);
    connect(m_tagView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onTagSelected);
    connect(m_tagView->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        // Sorting means all tags: load the remaining pages.
        m_tags->fetchAll();
    });
    connect(m_tags, &TagModel::busyChanged, this, &MainWindow::updateBusy);
    connect(m_tags, &QAbstractItemModel::rowsInserted, this, &MainWindow::selectPendingTag);
    connect(m_tags, &TagModel::progress, this, [this] {
        updateBusy();
        updateSummary();
    });
    connect(m_tags, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QModelIndex current = m_tagFilter->mapToSource(m_tagView->currentIndex());
                if (current.isValid() && current.row() >= topLeft.row() &&
                    current.row() <= bottomRight.row())
                    onTagSelected();
            });
    connect(m_tags, &TagModel::loadFailed, this, &MainWindow::showError);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_tags->cancel();
        m_repositories->setSession(m_session); // stops paging; keeps nothing half-done
        m_status->setText(tr("Cancelled."));
    });
}

void MainWindow::buildMenus()
{
    QMenu *registry = menuBar()->addMenu(tr("&Registry"));
    registry->addAction(tr("&Add…"), this, &MainWindow::addRegistry);
    registry->addAction(tr("&Edit…"), this, &MainWindow::editRegistry);
    registry->addAction(tr("&Remove"), this, &MainWindow::removeRegistry);
    registry->addAction(tr("&Import logins from Docker…"), this, &MainWindow::importFromDocker);
    registry->addAction(tr("Remove empty re&pository…"), this, &MainWindow::removeEmptyRepository);
    registry->addSeparator();
    registry->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    view->addAction(tr("&Search registry…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), this,
                    &MainWindow::showSearch);
    view->addAction(tr("&Find tag"), QKeySequence::Find, this, [this] {
        m_tagFilterEdit->setFocus();
        m_tagFilterEdit->selectAll();
    });
    auto *copy = new QShortcut(QKeySequence::Copy, m_tagView, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, &MainWindow::copyPullCommand);
    auto *del =
        new QShortcut(QKeySequence::Delete, m_tagView, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, &MainWindow::deleteSelectedTags);
    QMenu *tags = menuBar()->addMenu(tr("&Tag"));
    tags->addAction(tr("&Delete…"), this, &MainWindow::deleteSelectedTags);
    tags->addAction(tr("&Retention…"), this, &MainWindow::openRetention);
    tags->addAction(tr("&Copy pull command"), this, &MainWindow::copyPullCommand);
    QMenu *tools = menuBar()->addMenu(tr("T&ools"));
    tools->addAction(tr("&Storage inspector…"), this, [this] { openStorageInspector(); });
    tools->addAction(tr("&Garbage collection…"), this, [this] { openGarbageCollection(); });
    tools->addAction(tr("&Local registry…"), this, [this] { openLocalRegistry(); });
    tools->addSeparator();
    tools->addAction(tr("&Collect garbage on this registry…"), this, &MainWindow::collectGarbage);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Berth"), this, [this] {
        auto *box =
            new QMessageBox(QMessageBox::Information, tr("About Berth"),
                            tr("<b>Berth %1</b><p>Browse and manage Docker / OCI registries.</p>")
                                .arg(QApplication::applicationVersion()),
                            QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::reloadProfiles(const QString &selectId)
{
    m_profiles = m_profileStore->load();
    m_registryBox->clear();
    int select = 0;
    for (int i = 0; i < m_profiles.size(); ++i) {
        m_registryBox->addItem(m_profiles[i].name, m_profiles[i].id);
        if (m_profiles[i].id == selectId)
            select = i;
    }
    if (!m_profiles.isEmpty()) {
        m_registryBox->setCurrentIndex(select);
        activateProfile(m_profiles[select]);
    }
}

void MainWindow::selectRegistry(const QString &profileId)
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles[i].id == profileId) {
            m_registryBox->setCurrentIndex(i);
            activateProfile(m_profiles[i]);
            return;
        }
    }
}

void MainWindow::activateProfile(const credentials::RegistryProfile &profile)
{
    m_current = profile;
    m_catalogFailed = false;
    m_settings->setValue(QStringLiteral("window/registry"), profile.id);
    m_tags->setRepository(nullptr, {});
    m_repositories->setSession(nullptr);
    m_details->setSession(nullptr, {});
    m_search->setSession(nullptr);
    m_summary->clear();
    m_addByName->setVisible(false);
    if (m_session)
        m_session->deleteLater();
    m_session = nullptr;
    if (profile.username.isEmpty()) {
        startSession(profile, std::nullopt);
        return;
    }
    m_status->setText(tr("Reading the login for %1 from the keychain…").arg(profile.name));
    auto *job = m_secrets->read(profile.secretKey());
    const QString id = profile.id;
    connect(job, &credentials::SecretJob::finished, this,
            [this, id](const credentials::SecretResult &secret) {
                if (!m_current || m_current->id != id)
                    return; // the user moved on
                std::optional<client::Credentials> creds;
                if (secret.ok()) {
                    creds = client::Credentials{m_current->username, secret.value()};
                } else if (secret.error().kind != credentials::SecretError::Kind::NotFound) {
                    m_status->setText(secret.error().message);
                }
                startSession(*m_current, creds);
            });
}

void MainWindow::startSession(const credentials::RegistryProfile &profile,
                              std::optional<client::Credentials> credentials)
{
    const auto endpoint = profile.endpoint();
    if (!endpoint.ok()) {
        showError(endpoint.error());
        return;
    }
    auto creds = std::make_shared<const std::optional<client::Credentials>>(std::move(credentials));
    m_session = new client::RegistrySession(
        endpoint.value(), [creds] { return *creds; }, this);
    m_log->clear();
    connect(m_session, &client::RegistrySession::requestLogged, m_log, &RequestLogModel::append);
    m_details->setSession(m_session, endpoint->hostPort());
    m_search->setSession(m_session);
    m_repositories->setSession(m_session);
    m_repositories->fetchMore({});
    m_status->setText(tr("Connecting to %1…").arg(endpoint->hostPort()));
    auto *ping = m_session->ping();
    const QString host = endpoint->hostPort();
    connect(ping, &client::PingJob::finished, this,
            [this, host](const client::ClientResult<client::PingInfo> &r) {
                if (!r.ok()) {
                    showError(r.error());
                    return;
                }
                m_status->setText(tr("%1 — %2, login: %3, %4 ms")
                                      .arg(host,
                                           r->apiVersion.isEmpty() ? tr("registry") : r->apiVersion,
                                           r->authScheme)
                                      .arg(r->latencyMs));
            });
}

void MainWindow::onRepositorySelected()
{
    const QModelIndex index = m_repoView->currentIndex();
    if (!index.isValid() || !index.data(RepositoryModel::IsRepositoryRole).toBool())
        return;
    const QString name = index.data(RepositoryModel::FullNameRole).toString();
    if (name == m_tags->repository())
        return;
    m_details->clear();
    m_tags->setRepository(m_session, name);
    m_tags->fetchMore({});
    updateSummary();
}

void MainWindow::openRepository(const QString &name)
{
    const QModelIndex source = m_repositories->indexForRepository(name);
    if (!source.isValid())
        return;
    const QModelIndex index = m_repoFilter->mapFromSource(source);
    m_repoView->expand(index.parent());
    m_repoView->setCurrentIndex(index);
}

void MainWindow::showSearch()
{
    m_searchDock->show();
    m_searchDock->raise();
    m_search->searchEdit()->setFocus();
}

void MainWindow::openTag(const QString &repository, const QString &tag)
{
    if (!m_repositories->indexForRepository(repository).isValid())
        m_repositories->addRepository(repository); // not loaded yet: show it anyway
    m_pendingTag = tag;
    openRepository(repository);
    selectPendingTag();
}

void MainWindow::selectPendingTag()
{
    if (m_pendingTag.isEmpty())
        return;
    const int row = m_tags->rowOfTag(m_pendingTag);
    if (row < 0) {
        m_tags->fetchAll(); // it may be on a later page
        return;
    }
    m_pendingTag.clear();
    const QModelIndex index = m_tagFilter->mapFromSource(m_tags->index(row, 0));
    m_tagView->setCurrentIndex(index);
    m_tagView->scrollTo(index);
}

void MainWindow::onTagSelected()
{
    const QModelIndex current = m_tagFilter->mapToSource(m_tagView->currentIndex());
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    if (const client::ImageDescription *d = m_tags->description(current.row()))
        m_details->showImage(*d, m_tags->tag(current.row()));
    else if (!m_tags->errorText(current.row()).isEmpty())
        m_details->showMessage(m_tags->errorText(current.row()));
    else
        m_details->showMessage(tr("Loading %1…").arg(m_tags->tag(current.row())));
}

void MainWindow::updateSummary()
{
    if (m_tags->repository().isEmpty()) {
        m_summary->clear();
        return;
    }
    // Shared layers once: the union of every described tag's blobs.
    std::unordered_set<std::string> seen;
    qint64 total = 0;
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        if (const auto *d = m_tags->description(row)) {
            for (const auto &blob : d->blobs) {
                if (seen.insert(blob.digest.toString()).second)
                    total += blob.size;
            }
        }
    }
    const int count = m_tags->rowCount();
    const QString tagCount = count == 1 ? tr("1 tag") : tr("%1 tags").arg(count);
    m_summary->setText(tr("<b>%1</b> — %2, %3 in all (shared layers counted once)%4")
                           .arg(m_tags->repository().toHtmlEscaped(), tagCount, formatBytes(total),
                                m_tags->isComplete() ? QString() : tr(", loading…")));
}

void MainWindow::updateBusy()
{
    const bool busy = m_repositories->isLoading() || m_tags->isListing() || m_tags->isDescribing();
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (m_tags->isDescribing()) {
        m_progress->setRange(0, std::max(1, m_tags->rowCount()));
        m_progress->setValue(m_tags->describedCount());
    } else {
        m_progress->setRange(0, 0); // busy indicator
    }
}

void MainWindow::showError(const client::ClientError &error)
{
    if (error.kind == client::ClientErrorKind::Cancelled)
        return;
    m_status->setText(error.message);
    m_status->setToolTip(error.detail);
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::copyPullCommand()
{
    const QModelIndexList rows = m_tagView->selectionModel()->selectedRows(TagModel::TagColumn);
    QStringList commands;
    const QString host = m_current ? m_current->endpoint().value().hostPort() : QString();
    for (const QModelIndex &index : rows)
        commands.append(QStringLiteral("docker pull %1/%2:%3")
                            .arg(host, m_tags->repository(), index.data().toString()));
    if (!commands.isEmpty())
        QApplication::clipboard()->setText(commands.join(QLatin1Char('\n')));
}

void MainWindow::addRepositoryByName()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add repository"));
    dialog->setLabelText(
        tr("This registry does not list its repositories. Repository name (e.g. team/app):"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString name = text.trimmed();
        if (!m_repositories->addRepository(name))
            m_status->setText(tr("'%1' is not a valid repository name: lowercase letters, digits "
                                 "and . _ - separators, parts joined by /.")
                                  .arg(name));
        else
            openRepository(name);
    });
    dialog->open();
}

void MainWindow::applyTagFilter()
{
    const bool ok = m_tagFilter->setTagFilter(m_tagFilterEdit->text(), m_tagRegex->isChecked());
    m_tagFilterEdit->setStyleSheet(ok ? QString()
                                      : QStringLiteral("QLineEdit { color: #b00020; }"));
    m_tagFilterEdit->setToolTip(ok ? QString() : m_tagFilter->filterError());
}

void MainWindow::refresh()
{
    const QString repository = m_tags->repository();
    m_tags->setRepository(m_session, repository);
    if (!repository.isEmpty())
        m_tags->fetchMore({});
    m_repositories->reload();
    m_repositories->fetchMore({});
}

// Dialogs are opened window-modal with open(), never exec(): no nested
// event loop, and the window keeps painting while a dialog is up.
void MainWindow::addRegistry()
{
    auto *dialog = new RegistryDialog(credentials::RegistryProfile{}, false, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        credentials::RegistryProfile profile = dialog->profile();
        profile.id = credentials::ProfileStore::newId();
        m_profiles.append(profile);
        m_profileStore->save(m_profiles);
        storeSecretThenSelect(profile, dialog->password(), !dialog->password().isEmpty());
    });
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
}

namespace {

// The built-in registry keeps its data where berth-registry serve does.
QString builtInRegistryData()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/berth/registry");
}

} // namespace

void MainWindow::openGarbageCollection(const QString &root)
{
    auto *dialog = new GarbageCollectDialog(root.isEmpty() ? builtInRegistryData() : root, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
}

void MainWindow::openStorageInspector(const QString &root)
{
    const QString path = root.isEmpty() ? builtInRegistryData() : root;
    auto *dialog = new StorageInspectorDialog(path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
    dialog->scan();
}

void MainWindow::editRegistry()
{
    if (!m_current)
        return;
    auto *dialog = new RegistryDialog(*m_current, !m_current->username.isEmpty(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const credentials::RegistryProfile profile = dialog->profile();
        for (auto &p : m_profiles) {
            if (p.id == profile.id)
                p = profile;
        }
        m_profileStore->save(m_profiles);
        storeSecretThenSelect(profile, dialog->password(), dialog->passwordChanged());
    });
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
}

void MainWindow::storeSecretThenSelect(const credentials::RegistryProfile &profile,
                                       const QString &password, bool changed)
{
    if (!changed || profile.username.isEmpty()) {
        reloadProfiles(profile.id);
        return;
    }
    auto *job = password.isEmpty() ? m_secrets->remove(profile.secretKey())
                                   : m_secrets->write(profile.secretKey(), password);
    const QString id = profile.id;
    connect(job, &credentials::SecretJob::finished, this,
            [this, id, profile, password](const credentials::SecretResult &r) {
                if (!r.ok() && r.error().kind == credentials::SecretError::Kind::NoKeychain) {
                    // No keychain on this desktop: keep the password in memory only.
                    m_secrets->useSessionMemory();
                    m_secrets->write(profile.secretKey(), password);
                    m_status->setText(tr(
                        "No keychain is available: the password is kept for this session only."));
                } else if (!r.ok()) {
                    m_status->setText(r.error().message);
                }
                reloadProfiles(id);
            });
}

void MainWindow::importFromDocker()
{
    auto *dialog = new DockerImportDialog(credentials::DockerConfigImporter::defaultPath(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { importProfiles(dialog->selected()); });
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
}

void MainWindow::importProfiles(QList<QPair<credentials::RegistryProfile, QString>> imports)
{
    if (imports.isEmpty())
        return;
    const auto [profile, secret] = imports.takeFirst();
    m_profiles.append(profile);
    m_profileStore->save(m_profiles);
    auto *job = m_secrets->write(profile.secretKey(), secret);
    connect(job, &credentials::SecretJob::finished, this,
            [this, imports, profile, secret](const credentials::SecretResult &r) {
                if (!r.ok() && r.error().kind == credentials::SecretError::Kind::NoKeychain) {
                    m_secrets->useSessionMemory();
                    m_secrets->write(profile.secretKey(), secret);
                    m_status->setText(tr("No keychain is available: imported passwords are kept "
                                         "for this session only."));
                } else if (!r.ok()) {
                    m_status->setText(tr("%1: %2").arg(profile.name, r.error().message));
                }
                if (imports.isEmpty())
                    reloadProfiles(profile.id);
                else
                    importProfiles(imports);
            });
}

void MainWindow::deleteCurrentTag()
{
    const QModelIndex current = m_tagFilter->mapToSource(m_tagView->currentIndex());
    const client::ImageDescription *d =
        current.isValid() ? m_tags->description(current.row()) : nullptr;
    if (!d || !d->manifest || !m_current) {
        m_status->setText(tr("Select a tag whose details have loaded first."));
        return;
    }
    if (!m_tags->isComplete()) {
        // The sibling list must be complete to be honest.
        m_tags->fetchAll();
        m_status->setText(tr("Still loading tags; try again when the list is complete."));
        return;
    }
    if (m_tags->describedCount() < m_tags->rowCount()) {
        // So are the other tags of the image and the multi-arch images using it.
        m_status->setText(tr("Still loading the details of the tags; try again when they are "
                             "loaded."));
        return;
    }
    DeleteTagDialog::Subject subject;
    subject.registry = m_current->endpoint().value().hostPort();
    subject.repository = m_tags->repository();
    subject.tag = m_tags->tag(current.row());
    subject.digest = QString::fromStdString(d->manifest->digest.toString());
    subject.size = m_tags->index(current.row(), TagModel::SizeColumn).data().toString();
    subject.created = m_tags->index(current.row(), TagModel::CreatedColumn).data().toString();
    subject.siblings = m_tags->tagsSharingDigest(current.row());
    subject.siblings.removeAll(subject.tag);
    subject.listedBy = m_tags->indexesListing(current.row());
    auto *dialog = new DeleteTagDialog(subject, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const oci::Digest digest = d->manifest->digest;
    connect(dialog, &QDialog::accepted, this, [this, dialog, subject, digest] {
        if (dialog->choice() != DeleteTagDialog::Choice::None)
            runDelete(subject.repository, subject.tag, digest,
                      dialog->choice() == DeleteTagDialog::Choice::WholeImage);
    });
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
}

void MainWindow::deleteSelectedTags()
{
    const QModelIndexList rows = m_tagView->selectionModel()->selectedRows(TagModel::TagColumn);
    if (rows.size() <= 1) {
        deleteCurrentTag();
        return;
    }
    const auto facts = tagFacts();
    if (!facts)
        return;
    QSet<QString> selected;
    for (const QModelIndex &index : rows)
        selected.insert(m_tags->tag(m_tagFilter->mapToSource(index).row()));
    confirmPlan(client::DeletionPlan::make(m_tags->repository(), *facts, selected));
}

void MainWindow::openRetention()
{
    const auto facts = tagFacts();
    if (!facts)
        return;
    auto *dialog = new RetentionDialog(m_tags->repository(), *facts, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { confirmPlan(dialog->plan()); });
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
}

std::optional<QList<client::TagFacts>> MainWindow::tagFacts()
{
    if (!m_session || m_tags->repository().isEmpty()) {
        m_status->setText(tr("Open a repository first."));
        return std::nullopt;
    }
    if (!m_tags->isComplete()) {
        // Shared digests must be known for every tag to be honest.
        m_tags->fetchAll();
        m_status->setText(tr("Still loading tags; try again when the list is complete."));
        return std::nullopt;
    }
    QList<client::TagFacts> facts;
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        const client::ImageDescription *d = m_tags->description(row);
        if (!d || !d->manifest) {
            m_status->setText(tr("The details of tag %1 did not load (%2), so what a delete "
                                 "would take with it is unknown. Refresh and try again.")
                                  .arg(m_tags->tag(row), m_tags->errorText(row)));
            return std::nullopt;
        }
        QList<oci::Digest> children;
        for (const client::PlatformImage &p : d->platforms)
            children.append(p.descriptor.digest);
        for (const client::PlatformImage &a : d->attestations)
            children.append(a.descriptor.digest);
        facts.append({m_tags->tag(row), d->manifest->digest, d->created, d->size,
                      d->isIndex() ? static_cast<int>(d->platforms.size()) : 0, children});
    }
    return facts;
}

void MainWindow::confirmPlan(const client::DeletionPlan &plan)
{
    if (!m_session || !m_current || plan.isEmpty())
        return;
    auto *dialog =
        new BulkDeleteDialog(m_session, m_current->endpoint().value().hostPort(), plan, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString repository = plan.repository;
    connect(dialog, &BulkDeleteDialog::deletionsFinished, this, [this, repository] {
        m_details->clear();
        m_tags->setRepository(m_session, repository);
        m_tags->fetchAll();
    });
    connect(dialog, &BulkDeleteDialog::garbageCollectionRequested, this,
            &MainWindow::collectGarbage);
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
}

void MainWindow::collectGarbage()
{
    if (!m_current)
        return;
    const credentials::RegistryProfile &p = *m_current;
    QDialog *dialog = nullptr;
    if (!p.gcCommand.isEmpty()) {
        dialog = new RegistryGcDialog(p.name, p.gcCommand, p.gcDryRunCommand, this);
    } else if (!p.dataDirectory.isEmpty()) {
        openGarbageCollection(p.dataDirectory);
        return;
    } else if (p.builtIn && m_session) {
        dialog = new RegistryGcDialog(m_session, p.name, this);
    } else {
        m_status->setText(
            tr("Berth does not know how to collect garbage on %1. In Registry → Edit, give its "
               "data directory (if it is on this machine) or a command, e.g. docker exec "
               "registry registry garbage-collect /etc/docker/registry/config.yml.")
                .arg(p.name));
        return;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    Q_EMIT registryDialogOpened(dialog);
}

void MainWindow::removeEmptyRepository()
{
    const QString repository = m_tags->repository();
    if (!m_session || !m_current || repository.isEmpty()) {
        m_status->setText(tr("Open a repository first."));
        return;
    }
    if (!m_tags->isComplete()) {
        m_tags->fetchAll();
        m_status->setText(tr("Still loading tags; try again when the list is complete."));
        return;
    }
    if (m_tags->rowCount() > 0) {
        m_status->setText(tr("%1 still has %2 tag(s): delete them first (select them, or Tag → "
                             "Retention…).")
                              .arg(repository)
                              .arg(m_tags->rowCount()));
        return;
    }
    const credentials::RegistryProfile profile = *m_current;
    if (profile.dataDirectory.isEmpty() && !profile.builtIn) {
        m_status->setText(
            tr("The registry API has no call to remove a repository. If this registry's data is "
               "on this machine, give its data directory in Registry → Edit; on the server, "
               "berth-registry rm-repo ROOT %1 does it.")
                .arg(repository));
        return;
    }
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Remove empty repository"),
        tr("Remove the empty repository %1 from %2? It has no tags; its folder (untagged "
           "manifests, layer links) goes. Blobs stay until the next garbage collection.")
            .arg(repository, profile.name),
        QMessageBox::Yes | QMessageBox::No, this);
    if (!profile.dataDirectory.isEmpty())
        // berth-registry holds a lock Berth checks; distribution holds none.
        box->setInformativeText(
            tr("Berth removes the folder in %1 itself. If distribution (registry:2) serves this "
               "directory, stop it first or make sure nothing pushes to %2 meanwhile.")
                .arg(profile.dataDirectory, repository));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, profile, repository] {
        auto done = [this, profileId = profile.id, repository](const QString &error) {
            if (!error.isEmpty()) {
                m_status->setText(tr("%1 was not removed: %2").arg(repository, error));
                return;
            }
            m_status->setText(tr("Removed the empty repository %1.").arg(repository));
            // The user may have moved on while it ran: only the view of the
            // removed repository is cleared.
            if (!m_current || m_current->id != profileId || m_tags->repository() != repository)
                return;
            m_details->clear();
            m_tags->setRepository(nullptr, {});
            refresh();
        };
        m_status->setText(tr("Removing %1…").arg(repository));
        if (!profile.dataDirectory.isEmpty()) {
            local::removeEmptyRepository(this, profile.dataDirectory, repository, done);
            return;
        }
        auto *job = new client::RemoveRepositoryJob(m_session, repository);
        connect(job, &client::RemoveRepositoryJob::finished, this,
                [done](const client::ClientResult<berth::Ok> &r) {
                    done(r.ok() ? QString() : r.error().message);
                });
    });
    box->open();
    Q_EMIT registryDialogOpened(box);
}

void MainWindow::runDelete(const QString &repository, const QString &tag, const oci::Digest &digest,
                           bool wholeImage)
{
    if (!m_session)
        return;
    const QString what = wholeImage
                             ? tr("image %1").arg(QString::fromStdString(digest.shortString()))
                             : tr("tag %1").arg(tag);
    m_status->setText(tr("Deleting %1 from %2…").arg(what, repository));
    auto done = [this, repository, what](const client::ClientResult<berth::Ok> &result) {
        if (!result.ok()) {
            showError(result.error());
            return;
        }
        m_status->setText(tr("Deleted %1 from %2. The registry frees the space at its next "
                             "garbage collection: <a href=\"gc\">collect garbage now…</a>")
                              .arg(what.toHtmlEscaped(), repository.toHtmlEscaped()));
        m_details->clear();
        m_tags->setRepository(m_session, repository);
        m_tags->fetchAll();
    };
    if (wholeImage) {
        auto *job = m_session->deleteManifest(repository, digest);
        connect(job, &client::DeleteManifestJob::finished, this, done);
    } else {
        auto *job = m_session->deleteTag(repository, tag, digest);
        connect(job, &client::DeleteTagJob::finished, this, done);
    }
}

void MainWindow::removeRegistry()
{
    if (!m_current)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove registry"),
                                tr("Remove “%1” from Berth? Its stored login is deleted from the "
                                   "keychain; the registry itself is not touched.")
                                    .arg(m_current->name),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = m_current->id;
    const QString key = m_current->secretKey();
    connect(box, &QMessageBox::finished, this, [this, id, key](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_profiles.removeIf([&id](const credentials::RegistryProfile &p) { return p.id == id; });
        m_profileStore->save(m_profiles);
        m_secrets->remove(key);
        reloadProfiles(QString());
    });
    box->open();
}

void MainWindow::saveState()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    m_settings->setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    m_settings->setValue(QStringLiteral("window/rightSplitter"), m_rightSplitter->saveState());
}

void MainWindow::restoreState()
{
    if (!restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 780);
    QMainWindow::restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    m_mainSplitter->restoreState(
        m_settings->value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_rightSplitter->restoreState(
        m_settings->value(QStringLiteral("window/rightSplitter")).toByteArray());
}

void MainWindow::openLocalRegistry()
{
    if (m_localPanel) {
        m_localPanel->raise();
        m_localPanel->activateWindow();
        return;
    }
    m_localPanel = new LocalRegistryPanel(m_localRegistry, m_settings, this);
    m_localPanel->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_localPanel, &LocalRegistryPanel::demoImagesRequested, this,
            &MainWindow::loadDemoImages);
    m_localPanel->show();
    Q_EMIT registryDialogOpened(m_localPanel);
}

void MainWindow::startLocalRegistryAtLaunch()
{
    if (m_localRegistry->state() != local::LocalRegistry::State::Stopped ||
        !m_settings->value(QStringLiteral("localRegistry/startAtLaunch"), true).toBool())
        return;
    m_localRegistry->start(LocalRegistryPanel::savedSettings(
        m_settings, LocalRegistryPanel::workDirectory(m_settings)));
}

void MainWindow::offerDemoImages()
{
    // A newcomer's first look at their own empty registry.
    if (m_repositories->isLoading() || m_repositories->repositoryCount() != 0 || !m_current ||
        !m_current->builtIn || m_localRegistry->state() != local::LocalRegistry::State::Running ||
        m_settings->value(QStringLiteral("localRegistry/demoOffered"), false).toBool())
        return;
    m_settings->setValue(QStringLiteral("localRegistry/demoOffered"), true);
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Your local registry is empty"),
        tr("Load a few small demo images into it? They are made on this computer (nothing is "
           "downloaded): a tagged image with a shared tag, a multi-arch image and a series of "
           "dated releases to try retention rules on. Delete them any time."),
        QMessageBox::Yes | QMessageBox::No, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, &MainWindow::loadDemoImages);
    box->open();
    Q_EMIT registryDialogOpened(box);
}

void MainWindow::loadDemoImages()
{
    const QString root = m_localRegistry->settings().dataDirectory;
    if (root.isEmpty())
        return;
    m_status->setText(tr("Writing demo images into %1…").arg(root));
    local::writeDemoImages(this, root, [this](const QString &error, const QStringList &references) {
        if (!error.isEmpty()) {
            m_status->setText(tr("Demo images could not be written: %1").arg(error));
            return;
        }
        m_status->setText(tr("Loaded %1 demo tags: %2")
                              .arg(references.size())
                              .arg(references.join(QStringLiteral(", "))));
        if (m_current && m_current->builtIn)
            refresh();
    });
}

void MainWindow::onLocalRegistryState()
{
    using State = local::LocalRegistry::State;
    const State state = m_localRegistry->state();
    if (state == State::Failed)
        m_status->setText(tr("Local registry: %1").arg(m_localRegistry->statusText()));
    if (m_closeWhenStopped && (state == State::Stopped || state == State::Failed)) {
        close(); // the quit that waited for the registry to stop
        return;
    }
    if (state != State::Running)
        return;
    // The built-in profile follows the local registry's address.
    const local::LocalRegistrySettings s = m_localRegistry->settings();
    const bool tls = !s.tlsCertificate.isEmpty() && !s.tlsKey.isEmpty();
    const QString url = (tls ? QStringLiteral("https://") : QString()) + s.address +
                        QLatin1Char(':') + QString::number(s.port);
    for (credentials::RegistryProfile &p : m_profiles) {
        if (!p.builtIn)
            continue;
        const bool shown = m_current && m_current->id == p.id;
        if (p.url != url) {
            p.url = url;
            m_profileStore->save(m_profiles);
        }
        if (shown)
            activateProfile(p); // reconnect: it listens now
        break;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    using State = local::LocalRegistry::State;
    saveState();
    if (!LocalRegistryPanel::keepRunningOnQuit(m_settings)) {
        // SIGTERM lets it finish requests in flight; the window closes once
        // it has gone, and a registry that hangs is killed after a few
        // seconds (the store survives a kill) rather than left behind.
        m_localRegistry->stop(kQuitStopTimeoutMs);
        if (m_localRegistry->state() == State::Stopping) {
            m_closeWhenStopped = true;
            m_status->setText(tr("Stopping the local registry before quitting…"));
            event->ignore();
            return;
        }
    }
    QMainWindow::closeEvent(event);
}

} // namespace berth::ui
