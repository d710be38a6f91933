#include "ui/main_window.h"

#include "client/registry_session.h"
#include "local/local_registry.h"
#include "ui/cleanup_controller.h"
#include "ui/icons.h"
#include "ui/inspect_controller.h"
#include "ui/local_registry_action.h"
#include "ui/local_registry_controller.h"
#include "ui/preferences_controller.h"
#include "ui/profile_controller.h"
#include "ui/registry_widget.h"
#include "ui/request_log_model.h"
#include "ui/search_panel.h"
#include "ui/transfer_controller.h"
#include "ui/transfer_panel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

#include <algorithm>

namespace berth::ui {

MainWindow::MainWindow(QSettings &settings, credentials::SecretStore &secrets, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_registry(new RegistryWidget(this))
    , m_profiles(new ProfileController(settings, secrets, this))
    , m_cleanup(new CleanupController(this))
    , m_transfer(new TransferController(m_registry, m_profiles, this))
    , m_inspect(new InspectController(m_registry, m_profiles, this))
    , m_preferences(new PreferencesController(settings, m_registry, m_profiles, m_transfer, this))
    , m_local(new LocalRegistryController(settings, secrets, this))
    , m_log(new RequestLogModel(2000, this))
{
    setWindowTitle(tr("Berth"));
    m_registry->setObjectName(QStringLiteral("registry"));
    m_log->setObjectName(QStringLiteral("requestLogModel"));
    setCentralWidget(m_registry);
    m_cleanup->setRegistry(m_registry);
    buildDocks();
    m_preferences->apply();
    buildStatusBar();
    buildMenus();
    buildToolBar();
    connectControllers();
    restoreWindowState();
    m_profiles->load();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks()
{
    // Search across the registry.
    m_searchDock = new QDockWidget(tr("Search registry"), this);
    m_searchDock->setObjectName(QStringLiteral("search"));
    m_search = new SearchPanel(m_searchDock);
    m_search->setObjectName(QStringLiteral("searchPanel"));
    m_searchDock->setWidget(m_search);
    addDockWidget(Qt::LeftDockWidgetArea, m_searchDock);
    m_searchDock->hide(); // Ctrl+Shift+F shows it
    connect(m_search, &SearchPanel::openRequested, m_registry, &RegistryWidget::openTag);

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
    dock->hide(); // View → Request log shows it (and the window remembers it)
    m_logDock = dock;
    connect(m_log, &QAbstractItemModel::rowsInserted, logView,
            [logView] { logView->scrollToBottom(); });

    // Copies, running and finished.
    m_transferDock = new QDockWidget(tr("Transfers"), this);
    m_transferDock->setObjectName(QStringLiteral("transfers"));
    auto *transfers = new TransferPanel(m_transfer->queue(), m_transferDock);
    connect(transfers, &TransferPanel::logInRequested, m_transfer,
            &TransferController::logInAndCopyAgain);
    transfers->setObjectName(QStringLiteral("transferPanel"));
    m_transferDock->setWidget(transfers);
    addDockWidget(Qt::BottomDockWidgetArea, m_transferDock);
    m_transferDock->hide(); // shown when a copy starts, and from View → Transfers
}

void MainWindow::buildStatusBar()
{
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusMessage"));
    connect(m_status, &QLabel::linkActivated, m_cleanup, [this](const QString &link) {
        if (link == QLatin1String("gc"))
            m_cleanup->collectGarbage();
        else if (link == QLatin1String("use-port"))
            m_local->useFreePortInstead();
    });
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(180);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelLoading"));
    m_cancel->setVisible(false);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, m_registry, &RegistryWidget::cancelLoading);
}

namespace {

// An action with an object name, so tests (and scripts) can trigger it.
template <class Receiver, class Slot>
QAction *menuAction(QMenu *menu, const char *objectName, const QString &text, Receiver *receiver,
                    Slot slot, const QKeySequence &shortcut = {})
{
    QAction *action = menu->addAction(text);
    action->setObjectName(QLatin1String(objectName));
    action->setShortcut(shortcut);
    QObject::connect(action, &QAction::triggered, receiver, slot);
    return action;
}

} // namespace

void MainWindow::buildMenus()
{
    QMenu *registry = menuBar()->addMenu(tr("&Registry"));
    menuAction(registry, "addRegistry", tr("&Add…"), m_profiles, &ProfileController::add);
    menuAction(registry, "editRegistry", tr("&Edit…"), m_profiles, &ProfileController::edit);
    menuAction(registry, "removeRegistry", tr("&Remove"), m_profiles, &ProfileController::remove);
    menuAction(registry, "importFromDocker", tr("&Import logins from Docker…"), m_profiles,
               &ProfileController::importFromDocker);
    menuAction(registry, "removeEmptyRepository", tr("Remove empty re&pository…"), m_cleanup,
               &CleanupController::removeEmptyRepository);
    registry->addSeparator();
    // Two registries side by side: drag tags from one onto a repository of the other.
    menuAction(
        registry, "newWindow", tr("New &window"), this,
        [this] {
            auto *window = new MainWindow(m_settings, m_secrets);
            window->m_ownsLocalRegistry = false;
            // The first window runs the local registry; a second one would
            // start another, or stop the one the first is showing.
            for (const QString &name :
                 {QStringLiteral("localRegistry"), QStringLiteral("localRegistrySwitch")}) {
                if (auto *local = window->findChild<QAction *>(name)) {
                    local->setEnabled(false);
                    local->setToolTip(tr("The local registry is run from the first window."));
                }
            }
            window->setAttribute(Qt::WA_DeleteOnClose);
            // Beside this one, offset, and inside the screen (a maximised
            // first window would push it half off).
            const QRect area = screen()->availableGeometry();
            const QSize size = this->size().boundedTo(area.size() - QSize(48, 48));
            window->resize(size);
            window->move(std::min(pos().x() + 48, area.right() - size.width()),
                         std::min(pos().y() + 48, area.bottom() - size.height()));
            window->show();
        },
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    menuAction(registry, "closeWindow", tr("&Close window"), this, &QWidget::close,
               QKeySequence::Close);
    menuAction(registry, "quit", tr("&Quit"), this, &MainWindow::quitAll, QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    menuAction(view, "refresh", tr("&Refresh"), m_registry, &RegistryWidget::refresh,
               QKeySequence::Refresh);
    menuAction(view, "search", tr("&Search registry…"), this, &MainWindow::showSearch,
               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    menuAction(view, "findTag", tr("&Find tag"), m_registry, &RegistryWidget::focusTagFilter,
               QKeySequence::Find);
    view->addSeparator();
    QAction *showLog = m_logDock->toggleViewAction();
    showLog->setObjectName(QStringLiteral("showRequestLog"));
    showLog->setText(tr("Request &log"));
    showLog->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    view->addAction(showLog);
    QAction *showTransfers = m_transferDock->toggleViewAction();
    showTransfers->setObjectName(QStringLiteral("showTransfers"));
    showTransfers->setText(tr("&Transfers"));
    showTransfers->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    view->addAction(showTransfers);

    QMenu *tags = menuBar()->addMenu(tr("&Tag"));
    menuAction(tags, "deleteTags", tr("&Delete…"), m_cleanup,
               &CleanupController::deleteSelectedTags);
    menuAction(tags, "retention", tr("&Retention…"), m_cleanup, &CleanupController::openRetention);
    menuAction(tags, "copyPullCommand", tr("&Copy pull command"), m_registry,
               &RegistryWidget::copyPullCommand);
    menuAction(tags, "exportTags", tr("&Export…"), m_transfer, &TransferController::exportSelected);
    menuAction(tags, "importImage", tr("&Import…"), m_transfer, &TransferController::importImage);
    menuAction(tags, "copyTag", tr("Copy or &promote…"), m_transfer,
               &TransferController::copySelected);
    menuAction(tags, "compareTags", tr("Co&mpare…"), m_inspect,
               &InspectController::compareSelected);
    m_registry->setTagActions(tags->actions());

    QMenu *tools = menuBar()->addMenu(tr("T&ools"));
    menuAction(tools, "storageInspector", tr("&Storage inspector…"), m_cleanup,
               [this] { m_cleanup->openStorageInspector(localDataDirectory()); });
    menuAction(tools, "repositoryLayers", tr("Heaviest &layers of this repository…"), m_inspect,
               &InspectController::showRepositoryLayers);
    menuAction(tools, "collectGarbage", tr("&Garbage collection…"), m_cleanup,
               &CleanupController::collectGarbage);
    menuAction(tools, "prefetch", tr("&Pre-fetch images…"), m_registry,
               &RegistryWidget::openPrefetch);
    tools->addSeparator();
    menuAction(tools, "localRegistry", tr("&Local registry…"), m_local,
               &LocalRegistryController::openPanel);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    menuAction(settings, "preferences", tr("&Preferences…"), m_preferences,
               &PreferencesController::open, QKeySequence::Preferences);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    menuAction(help, "about", tr("&About Berth"), this, [this] {
        auto *box =
            new QMessageBox(QMessageBox::Information, tr("About Berth"),
                            tr("<b>Berth %1</b><p>Browse and manage Docker / OCI registries.</p>")
                                .arg(QApplication::applicationVersion()),
                            QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::buildToolBar()
{
    // Icons by theme name (KDE's and GNOME's own), bundled where the desktop has none.
    const struct
    {
        const char *action;
        const char *icon;
    } icons[] = {
        {"refresh", "view-refresh"},
        {"addRegistry", "list-add"},
        {"search", "edit-find"},
        {"copyPullCommand", "edit-copy"},
        {"copyTag", "document-send"},
        {"compareTags", "view-split-left-right"},
        {"deleteTags", "edit-delete"},
        {"exportTags", "document-export"},
        {"importImage", "document-import"},
        {"collectGarbage", "edit-clear-all"},
        {"localRegistry", "network-server"},
        {"preferences", "configure"},
    };
    for (const auto &i : icons) {
        if (auto *action = findChild<QAction *>(QLatin1String(i.action)))
            action->setIcon(Icons::named(QLatin1String(i.icon)));
    }

    QToolBar *bar = addToolBar(tr("Main toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    auto *local = new LocalRegistryAction(m_local, this);
    const char *order[] = {"refresh", "addRegistry",    nullptr,      "copyPullCommand",
                           "copyTag", "compareTags",    "deleteTags", nullptr,
                           "search",  "collectGarbage", nullptr};
    for (const char *name : order) {
        if (!name) {
            bar->addSeparator();
            continue;
        }
        if (auto *action = findChild<QAction *>(QLatin1String(name)))
            bar->addAction(action);
    }
    bar->addAction(local);
    // Icon only where the icon says it; the shortcut in every tooltip.
    for (const char *name : {"refresh", "copyPullCommand", "compareTags", "search"}) {
        if (auto *action = findChild<QAction *>(QLatin1String(name)))
            action->setPriority(QAction::LowPriority);
    }
    // A toolbar label or tooltip is the menu text without its accelerator,
    // "(&P)" as Chinese writes it included, and without the "…"; a tooltip
    // names the shortcut.
    static const QRegularExpression accelerator(QStringLiteral(R"(\(&\w\)|&(?=\w)|…$)"));
    const QList<QAction *> actions = findChildren<QAction *>();
    for (QAction *action : actions) {
        if (action == local || action->text().isEmpty())
            continue; // the switch names itself by its state
        const QString plain = action->text().remove(accelerator).trimmed();
        action->setIconText(plain);
        action->setToolTip(
            action->shortcut().isEmpty()
                ? plain
                : tr("%1 (%2)").arg(plain, action->shortcut().toString(QKeySequence::NativeText)));
    }
    if (auto *add = findChild<QAction *>(QStringLiteral("addRegistry"))) {
        add->setIconText(tr("Add registry"));
        add->setToolTip(tr("Add registry"));
    }
}

void MainWindow::connectControllers()
{
    connect(m_profiles, &ProfileController::profilesChanged, m_registry,
            &RegistryWidget::setProfiles);
    connect(m_profiles, &ProfileController::activated, m_registry, &RegistryWidget::connectTo);
    connect(m_profiles, &ProfileController::updated, m_registry, &RegistryWidget::updateProfile);
    connect(m_profiles, &ProfileController::deactivated, m_registry,
            &RegistryWidget::disconnectSession);
    connect(m_registry, &RegistryWidget::profileChosen, m_profiles, &ProfileController::select);
    connect(m_registry, &RegistryWidget::addProfileRequested, m_profiles, &ProfileController::add);
    connect(m_registry, &RegistryWidget::editProfileRequested, m_profiles,
            &ProfileController::edit);
    connect(m_registry, &RegistryWidget::deleteRequested, m_cleanup,
            &CleanupController::deleteSelectedTags);
    connect(m_cleanup, &CleanupController::loginToWriteNeeded, m_profiles,
            &ProfileController::logInToWrite);
    connect(m_registry, &RegistryWidget::sessionChanged, this,
            [this](client::RegistrySession *session) {
                m_search->setSession(session);
                m_log->clear();
                if (session)
                    connect(session, &client::RegistrySession::requestLogged, m_log,
                            &RequestLogModel::append);
            });
    connect(m_profiles, &ProfileController::requestLogged, m_log, &RequestLogModel::append);
    connect(m_registry, &RegistryWidget::busyChanged, this, &MainWindow::updateBusy);
    connect(m_registry, &RegistryWidget::catalogLoaded, m_local, [this](int repositories) {
        // A newcomer's first look at their own empty registry.
        if (repositories == 0 && m_registry->profile() && m_registry->profile()->builtIn)
            m_local->offerDemoImages();
    });
    connect(m_local, &LocalRegistryController::listening, m_profiles,
            &ProfileController::followBuiltInRegistry);
    connect(m_local, &LocalRegistryController::listening, m_cleanup,
            [this] { m_cleanup->setBuiltInDataDirectory(localDataDirectory()); });
    m_cleanup->setBuiltInDataDirectory(localDataDirectory());
    connect(m_cleanup, &CleanupController::gcSetupChosen, m_profiles,
            &ProfileController::setGcSettings);
    connect(m_local, &LocalRegistryController::demoImagesLoaded, m_registry,
            [this](const QStringList &references) {
                if (!m_registry->profile() || !m_registry->profile()->builtIn)
                    return;
                m_registry->refresh();
                // Something to look at: the first demo image, selected.
                const qsizetype colon =
                    references.isEmpty() ? -1 : references.first().lastIndexOf(u':');
                if (colon > 0)
                    m_registry->openTag(references.first().left(colon),
                                        references.first().mid(colon + 1));
            });
    connect(m_local, &LocalRegistryController::closeNow, this, &QWidget::close);
    connect(m_local, &LocalRegistryController::berthLoginChosen, m_profiles,
            &ProfileController::setBuiltInLogin);
    connect(m_local, &LocalRegistryController::portTaken, m_registry, [this] {
        // What answers on that port is someone else's registry: it is not
        // shown as Berth's local one.
        if (m_registry->profile() && m_registry->profile()->builtIn)
            m_registry->disconnectSession();
    });
    connect(m_registry, &RegistryWidget::message, this, &MainWindow::showMessage);
    connect(m_profiles, &ProfileController::message, this,
            [this](const QString &text) { showMessage(text); });
    connect(m_cleanup, &CleanupController::message, this, &MainWindow::showMessage);
    connect(m_registry, &RegistryWidget::tagsDropped, m_transfer, &TransferController::copyDropped);
    connect(m_transfer, &TransferController::message, this,
            [this](const QString &text) { showMessage(text); });
    connect(m_transfer, &TransferController::copyQueued, this, [this] {
        m_transferDock->show();
        m_transferDock->raise();
    });
    connect(m_local, &LocalRegistryController::message, this,
            [this](const QString &text) { showMessage(text); });
    connect(m_inspect, &InspectController::message, this,
            [this](const QString &text) { showMessage(text); });
}

void MainWindow::showMessage(const QString &text, const QString &detail)
{
    m_status->setText(text);
    m_status->setToolTip(detail);
}

void MainWindow::updateBusy()
{
    const bool busy = m_registry->isBusy();
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    const auto [value, maximum] = m_registry->progress();
    m_progress->setRange(0, maximum); // 0..0: a busy indicator
    m_progress->setValue(value);
}

void MainWindow::showSearch()
{
    const bool opening = m_searchDock->isHidden();
    m_searchDock->show();
    m_searchDock->raise();
    if (opening) // a column beside the registry, not half of the window
        resizeDocks({m_searchDock}, {std::max(240, width() / 5)}, Qt::Horizontal);
    m_search->focusSearch();
}

QString MainWindow::localDataDirectory() const
{
    return m_local->preferences().load().dataDirectory;
}

void MainWindow::startLocalRegistryAtLaunch()
{
    m_local->startAtLaunch();
}

void MainWindow::saveWindowState()
{
    m_settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings.setValue(QStringLiteral("window/state"), saveState());
    m_settings.setValue(QStringLiteral("window/splitters"), m_registry->saveSplitters());
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(m_settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 780);
    restoreState(m_settings.value(QStringLiteral("window/state")).toByteArray());
    m_registry->restoreSplitters(
        m_settings.value(QStringLiteral("window/splitters")).toByteArray());
}

// Every window closes; one that waits (a copy to stop, the local registry
// to go) goes on with the others once it has closed.
void MainWindow::quitAll()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *window = qobject_cast<MainWindow *>(w))
            window->m_quitting = true;
    }
    QApplication::closeAllWindows();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    if (m_transfer->hasRunningCopies()) {
        event->ignore(); // asks first; closes once the copies are stopped
        askToStopCopies();
        return;
    }
    if (m_ownsLocalRegistry && !m_local->mayClose()) {
        event->ignore(); // closes when the local registry has stopped
        return;
    }
    QMainWindow::closeEvent(event);
    if (m_quitting) // the windows a waiting close left open
        QMetaObject::invokeMethod(qApp, &QApplication::closeAllWindows, Qt::QueuedConnection);
}

void MainWindow::askToStopCopies()
{
    if (m_stopCopiesQuestion)
        return; // asked already
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Copies are running"),
        tr("A copy in the Transfers list is still running. Stop it and close the window? "
           "What was copied stays; no tag is written half-way."),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->addButton(tr("Stop copies and close"), QMessageBox::AcceptRole);
    m_stopCopiesQuestion = box;
    box->addButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::accepted, this, [this] {
        m_transfer->stopCopies();
        close();
    });
    connect(box, &QMessageBox::rejected, this, [] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *window = qobject_cast<MainWindow *>(w))
                window->m_quitting = false; // the quit is called off
        }
    });
    m_transferDock->show();
    box->open();
}

} // namespace berth::ui
