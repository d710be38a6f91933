#include "ui/registry_widget.h"

#include "client/ping_job.h"
#include "client/registry_session.h"
#include "ui/image_details_view.h"
#include "ui/mirror_cache_bar.h"
#include "ui/prefetch_dialog.h"
#include "ui/repository_model.h"
#include "ui/tag_model.h"
#include "ui/tag_table.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDataStream>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace berth::ui {

RegistryWidget::RegistryWidget(QWidget *parent)
    : QWidget(parent)
    , m_repositories(new RepositoryModel(this))
    , m_repoFilter(new QSortFilterProxyModel(this))
    , m_tags(new TagModel(this))
{
    m_repositories->setObjectName(QStringLiteral("repositoryModel"));
    m_tags->setObjectName(QStringLiteral("tagModel"));
    auto *left = new QWidget(this);
    buildLeft(left);
    m_tagTable = new TagTable(m_tags, this);
    m_details = new ImageDetailsView(this);
    m_details->setObjectName(QStringLiteral("details"));
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->addWidget(m_tagTable);
    m_rightSplitter->addWidget(m_details);
    m_rightSplitter->setStretchFactor(0, 3);
    m_rightSplitter->setStretchFactor(1, 2);
    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->addWidget(left);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mainSplitter);
    connectModels();
}

// The models cancel their jobs before the session that runs them goes;
// nothing is emitted from a widget being destroyed.
RegistryWidget::~RegistryWidget()
{
    const QSignalBlocker quiet(this);
    detachModels();
}

void RegistryWidget::buildLeft(QWidget *left)
{
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    auto *registryRow = new QHBoxLayout;
    m_registryBox = new QComboBox(left);
    m_registryBox->setObjectName(QStringLiteral("registryBox"));
    m_registryBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *addButton = new QToolButton(left);
    addButton->setObjectName(QStringLiteral("addRegistryButton"));
    addButton->setText(QStringLiteral("+"));
    addButton->setToolTip(tr("Add a registry"));
    addButton->setAccessibleName(tr("Add a registry"));
    auto *editButton = new QToolButton(left);
    editButton->setObjectName(QStringLiteral("editRegistryButton"));
    editButton->setText(QStringLiteral("…"));
    editButton->setToolTip(tr("Edit this registry"));
    editButton->setAccessibleName(tr("Edit this registry"));
    registryRow->addWidget(m_registryBox, 1);
    registryRow->addWidget(addButton);
    registryRow->addWidget(editButton);
    m_repoFilterEdit = new QLineEdit(left);
    m_repoFilterEdit->setObjectName(QStringLiteral("repositoryFilter"));
    m_repoFilterEdit->setPlaceholderText(tr("Filter repositories"));
    m_repoFilterEdit->setClearButtonEnabled(true);
    m_repoView = new QTreeView(left);
    m_repoView->setObjectName(QStringLiteral("repositories"));
    m_repoView->setHeaderHidden(true);
    m_repoView->setUniformRowHeights(true);
    m_repoFilter->setSourceModel(m_repositories);
    m_repoFilter->setRecursiveFilteringEnabled(true);
    m_repoFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_repoFilter->setFilterRole(RepositoryModel::PathRole);
    m_repoView->setModel(m_repoFilter);
    m_repoView->setAccessibleName(tr("Repositories"));
    // An empty registry says what to do next, where its repositories would be.
    m_emptyState = new QLabel(m_repoView->viewport());
    m_emptyState->setObjectName(QStringLiteral("repositoriesEmpty"));
    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_emptyState->hide();
    auto *emptyLayout = new QVBoxLayout(m_repoView->viewport());
    emptyLayout->addWidget(m_emptyState, 0, Qt::AlignCenter);
    // Tags dropped on a repository are offered for copying there.
    m_repoView->setAcceptDrops(true);
    m_repoView->setDropIndicatorShown(true);
    m_repoView->setDragDropMode(QAbstractItemView::DropOnly);
    m_repoView->setDefaultDropAction(Qt::CopyAction);
    m_addByName = new QPushButton(tr("Add repository by name…"), left);
    m_addByName->setObjectName(QStringLiteral("addRepositoryByName"));
    m_addByName->setVisible(false);
    m_cacheBar = new MirrorCacheBar(m_repositories, m_tags, left);
    m_cacheBar->setObjectName(QStringLiteral("mirrorCache"));
    connect(m_cacheBar, &MirrorCacheBar::refreshRequested, this, &RegistryWidget::refresh);
    leftLayout->addLayout(registryRow);
    leftLayout->addWidget(m_repoFilterEdit);
    leftLayout->addWidget(m_repoView, 1);
    leftLayout->addWidget(m_addByName);
    leftLayout->addWidget(m_cacheBar);

    connect(m_registryBox, &QComboBox::activated, this,
            [this](int index) { Q_EMIT profileChosen(m_registryBox->itemData(index).toString()); });
    connect(addButton, &QToolButton::clicked, this, &RegistryWidget::addProfileRequested);
    connect(editButton, &QToolButton::clicked, this, &RegistryWidget::editProfileRequested);
    connect(m_repoFilterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_repoFilter->setFilterFixedString(text);
        if (!text.isEmpty()) {
            m_repoView->expandAll();
            // Filtering covers the whole catalog, not only loaded pages.
            if (m_repositories->canFetchMore({}))
                m_repositories->fetchMore({});
        }
    });
    connect(m_repoView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RegistryWidget::onRepositorySelected);
    connect(m_addByName, &QPushButton::clicked, this, &RegistryWidget::addRepositoryByName);
}

void RegistryWidget::connectModels()
{
    connect(m_tagTable, &TagTable::copyRequested, this, &RegistryWidget::copyPullCommand);
    connect(m_tagTable, &TagTable::deleteRequested, this, &RegistryWidget::deleteRequested);
    connect(m_tagTable, &TagTable::currentRowChanged, this, &RegistryWidget::onTagSelected);
    connect(m_repositories, &RepositoryModel::loadingChanged, this, [this](bool loading) {
        if (!loading && !m_repoFilterEdit->text().isEmpty() && m_repositories->canFetchMore({}))
            m_repositories->fetchMore({});
        Q_EMIT busyChanged();
        if (!loading && !m_catalogFailed) {
            showEmptyState(m_repositories->repositoryCount() == 0);
            Q_EMIT catalogLoaded(m_repositories->repositoryCount());
        }
    });
    connect(m_repositories, &RepositoryModel::tagsDropped, this, &RegistryWidget::tagsDropped);
    connect(m_repositories, &RepositoryModel::loadFailed, this,
            [this](const client::ClientError &error) {
                m_catalogFailed = true;
                m_addByName->setVisible(error.kind == client::ClientErrorKind::CatalogUnavailable);
                showError(error);
                showListError(error);
            });
    connect(m_tags, &TagModel::busyChanged, this, &RegistryWidget::busyChanged);
    connect(m_tags, &QAbstractItemModel::rowsInserted, this, &RegistryWidget::selectPendingTag);
    connect(m_tags, &TagModel::progress, this, [this] {
        Q_EMIT busyChanged();
        m_tagTable->updateSummary();
    });
    connect(m_tags, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int current = currentTagRow();
                if (current >= topLeft.row() && current <= bottomRight.row())
                    onTagSelected();
            });
    connect(m_tags, &TagModel::loadFailed, this, &RegistryWidget::showError);
}

void RegistryWidget::setProfiles(const QList<credentials::RegistryProfile> &profiles,
                                 const QString &currentId)
{
    m_registryBox->clear();
    for (const credentials::RegistryProfile &p : profiles) {
        m_registryBox->addItem(p.name, p.id);
        if (p.id == currentId)
            m_registryBox->setCurrentIndex(m_registryBox->count() - 1);
    }
}

void RegistryWidget::updateProfile(const credentials::RegistryProfile &profile)
{
    if (m_profile && m_profile->id == profile.id)
        m_profile = profile;
}

void RegistryWidget::detachModels()
{
    m_tags->setRepository(nullptr, {});
    m_repositories->setSession(nullptr);
    m_details->setSession(nullptr, {});
}

void RegistryWidget::disconnectSession()
{
    detachModels();
    m_cacheBar->stop();
    m_tagTable->setCacheColumnVisible(false);
    m_profile.reset();
    m_tagTable->clearSummary();
    m_addByName->setVisible(false);
    if (m_session) {
        m_session->deleteLater();
        m_session = nullptr;
        Q_EMIT sessionChanged(nullptr);
    }
}

void RegistryWidget::connectTo(const credentials::RegistryProfile &profile,
                               std::optional<client::Credentials> credentials)
{
    disconnectSession();
    showEmptyState(false);
    m_profile = profile;
    m_tags->setOrigin(profile.id);
    m_catalogFailed = false;
    m_registryBox->setCurrentIndex(m_registryBox->findData(profile.id));
    const auto endpoint = profile.endpoint();
    if (!endpoint.ok()) {
        showError(endpoint.error());
        return;
    }
    client::RegistryEndpoint tuned = endpoint.value();
    tuned.maxConcurrency = m_requestsAtOnce;
    m_session =
        new client::RegistrySession(tuned, client::fixedLogin(std::move(credentials)), this);
    m_details->setSession(m_session, endpoint->hostPort());
    m_repositories->setSession(m_session);
    m_repositories->fetchMore({});
    Q_EMIT sessionChanged(m_session);
    Q_EMIT message(tr("Connecting to %1…").arg(endpoint->hostPort()));
    auto *ping = m_session->ping();
    const QString host = endpoint->hostPort();
    connect(ping, &client::PingJob::finished, this,
            [this, host](const client::ClientResult<client::PingInfo> &r) {
                if (!r.ok()) {
                    showError(r.error());
                    return;
                }
                if (r->berthMirror) {
                    m_tagTable->setCacheColumnVisible(true);
                    m_cacheBar->start(m_session);
                }
                const QString login = r->authScheme == QLatin1String("none")
                                          ? tr("none needed")
                                          : r->authScheme; // basic, bearer: the protocol's words
                Q_EMIT message(
                    tr("%1 — %2, login: %3, %4 ms")
                        .arg(host, r->apiVersion.isEmpty() ? tr("registry") : r->apiVersion, login)
                        .arg(r->latencyMs));
            });
}

client::RegistrySession *RegistryWidget::session() const
{
    return m_session;
}

QString RegistryWidget::host() const
{
    return m_session ? m_session->endpoint().hostPort() : QString();
}

void RegistryWidget::onRepositorySelected()
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
    m_tagTable->updateSummary();
}

void RegistryWidget::openRepository(const QString &name)
{
    const QModelIndex source = m_repositories->indexForRepository(name);
    if (!source.isValid())
        return;
    const QModelIndex index = m_repoFilter->mapFromSource(source);
    m_repoView->expand(index.parent());
    m_repoView->setCurrentIndex(index);
}

void RegistryWidget::openTag(const QString &repository, const QString &tag)
{
    if (!m_repositories->indexForRepository(repository).isValid())
        m_repositories->addRepository(repository); // not loaded yet: show it anyway
    m_pendingTag = tag;
    openRepository(repository);
    selectPendingTag();
}

void RegistryWidget::selectPendingTag()
{
    if (m_pendingTag.isEmpty())
        return;
    const int row = m_tags->rowOfTag(m_pendingTag);
    if (row < 0) {
        m_tags->fetchAll(); // it may be on a later page
        return;
    }
    m_pendingTag.clear();
    m_tagTable->selectRow(row);
}

int RegistryWidget::currentTagRow() const
{
    return m_tagTable->currentRow();
}

QList<int> RegistryWidget::selectedTagRows() const
{
    return m_tagTable->selectedRows();
}

void RegistryWidget::onTagSelected()
{
    const int row = currentTagRow();
    if (row < 0) {
        m_details->clear();
        return;
    }
    if (const client::ImageDescription *d = m_tags->description(row)) {
        QStringList siblings = m_tags->tagsSharingDigest(row);
        siblings.removeAll(m_tags->tag(row));
        m_details->showImage(*d, m_tags->tag(row), siblings);
    } else if (!m_tags->errorText(row).isEmpty())
        m_details->showMessage(m_tags->errorText(row));
    else
        m_details->showMessage(tr("Loading %1…").arg(m_tags->tag(row)));
}

bool RegistryWidget::isBusy() const
{
    return m_repositories->isLoading() || m_tags->isListing() || m_tags->isDescribing();
}

std::pair<int, int> RegistryWidget::progress() const
{
    if (!m_tags->isDescribing())
        return {0, 0};
    return {m_tags->describedCount(), std::max(1, m_tags->rowCount())};
}

void RegistryWidget::cancelLoading()
{
    m_tags->cancel();
    m_repositories->setSession(m_session); // stops paging; keeps nothing half-done
    Q_EMIT message(tr("Cancelled."));
}

void RegistryWidget::showError(const client::ClientError &error)
{
    if (error.kind == client::ClientErrorKind::Cancelled)
        return;
    Q_EMIT message(error.message, error.detail);
}

void RegistryWidget::copyPullCommand()
{
    QStringList commands;
    for (int row : selectedTagRows())
        commands.append(QStringLiteral("docker pull %1/%2:%3")
                            .arg(host(), m_tags->repository(), m_tags->tag(row)));
    if (!commands.isEmpty())
        QApplication::clipboard()->setText(commands.join(QLatin1Char('\n')));
}

void RegistryWidget::openPrefetch()
{
    if (!m_session) {
        Q_EMIT message(tr("Open a registry first: pre-fetch pulls images through it."));
        return;
    }
    QStringList selected;
    for (int row : selectedTagRows())
        selected << m_tags->repository() + QLatin1Char(':') + m_tags->tag(row);
    auto *dialog =
        new PrefetchDialog(m_session, m_profile ? m_profile->name : host(), selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, m_cacheBar, &MirrorCacheBar::refresh);
    dialog->open();
}

client::TagPattern RegistryWidget::tagFilter() const
{
    return m_tagTable->tagFilter();
}

void RegistryWidget::repositoryChanged(const QString &name)
{
    if (m_tags->repository() == name)
        reloadTags(name);
    else if (!m_repositories->indexForRepository(name).isValid())
        m_repositories->addRepository(name);
}

void RegistryWidget::focusTagFilter()
{
    m_tagTable->focusFilter();
}

void RegistryWidget::addRepositoryByName()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add repository"));
    dialog->setLabelText(
        tr("This registry does not list its repositories. Repository name (e.g. team/app):"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString name = text.trimmed();
        if (!m_repositories->addRepository(name))
            Q_EMIT message(tr("'%1' is not a valid repository name: lowercase letters, digits "
                              "and . _ - separators, parts joined by /.")
                               .arg(name));
        else
            openRepository(name);
    });
    dialog->open();
}

void RegistryWidget::refresh()
{
    const QString repository = m_tags->repository();
    m_tags->setRepository(m_session, repository);
    if (!repository.isEmpty())
        m_tags->fetchMore({});
    m_repositories->reload();
    m_repositories->fetchMore({});
    m_cacheBar->refresh();
}

void RegistryWidget::reloadTags(const QString &repository)
{
    m_details->clear();
    m_tags->setRepository(m_session, repository);
    m_tags->fetchAll();
}

void RegistryWidget::closeRepository()
{
    m_details->clear();
    m_tags->setRepository(nullptr, {});
    m_tagTable->clearSummary();
}

QByteArray RegistryWidget::saveSplitters() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_mainSplitter->saveState() << m_rightSplitter->saveState();
    return state;
}

void RegistryWidget::restoreSplitters(const QByteArray &state)
{
    QDataStream in(state);
    QByteArray mainState;
    QByteArray rightState;
    in >> mainState >> rightState;
    m_mainSplitter->restoreState(mainState);
    m_rightSplitter->restoreState(rightState);
}

void RegistryWidget::setTagActions(const QList<QAction *> &actions)
{
    m_tagTable->setContextActions(actions);
}

void RegistryWidget::showEmptyState(bool empty)
{
    if (empty && m_session) {
        const QString host = m_session->endpoint().hostPort();
        QString text =
            tr("No repositories yet.\n\nPush an image here:\ndocker push %1/NAME:TAG").arg(host);
        if (m_profile && m_profile->builtIn)
            text += QLatin1String("\n\n") +
                    tr("or load demo images: Tools → Local registry… → Load demo images.");
        m_emptyState->setText(text);
    }
    m_emptyState->setVisible(empty);
}

// Where the repositories would be, why there are none: a registry that
// refused to list is not an empty one. (One without a catalog offers
// "add by name" instead.)
void RegistryWidget::showListError(const client::ClientError &error)
{
    if (error.kind == client::ClientErrorKind::CatalogUnavailable) {
        showEmptyState(false);
        return;
    }
    QString text = tr("Berth could not list the repositories:\n\n%1").arg(error.message);
    if (client::isLoginRefusal(error.kind))
        text += QLatin1String("\n\n") + tr("Give this registry a login: Registry → Edit…");
    m_emptyState->setText(text);
    m_emptyState->setVisible(true);
}

} // namespace berth::ui
