#include "ui/repository_model.h"

#include "client/list_page_job.h"
#include "client/registry_session.h"
#include "ui/size_format.h"
#include "ui/tag_drag.h"
#include "ui/time_format.h"

#include "oci/name_rules.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#include <map>

namespace berth::ui {

struct RepositoryModel::Node
{
    QString segment;
    QString fullName; // path from the root, set for every node
    bool isRepository = false;
    int repositories = 0;  // at or below
    bool attached = false; // visible to the views (inserted with beginInsertRows)
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    void markAttached()
    {
        attached = true;
        for (auto &c : children)
            c->markAttached();
    }

    Node *child(const QString &name) const
    {
        for (const auto &c : children) {
            if (c->segment == name)
                return c.get();
        }
        return nullptr;
    }
    int row() const
    {
        if (!parent)
            return 0;
        for (std::size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return static_cast<int>(i);
        }
        return 0;
    }
};

RepositoryModel::RepositoryModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->attached = true;
}

RepositoryModel::~RepositoryModel() = default;

void RepositoryModel::setSession(client::RegistrySession *session)
{
    if (m_job)
        m_job->cancel();
    beginResetModel();
    if (session != m_session) {
        m_cached.clear();
        m_cacheKnown = false;
    }
    m_session = session;
    m_root = std::make_unique<Node>();
    m_root->attached = true;
    m_next.reset();
    m_started = false;
    m_done = session == nullptr;
    endResetModel();
}

void RepositoryModel::reload()
{
    setSession(m_session);
}

void RepositoryModel::setCache(const QList<client::CachedRepository> &stored)
{
    m_cached.clear();
    for (const client::CachedRepository &r : stored)
        m_cached.insert(r.name, r);
    m_cacheKnown = true;
    repositoryChanged(m_root.get());
}

void RepositoryModel::clearCache()
{
    m_cached.clear();
    m_cacheKnown = false;
    repositoryChanged(m_root.get());
}

// Every row below `node` shows its cache state anew.
void RepositoryModel::repositoryChanged(const Node *node)
{
    if (node->children.empty())
        return;
    const int last = static_cast<int>(node->children.size()) - 1;
    Q_EMIT dataChanged(indexOf(node->children.front().get()), indexOf(node->children[last].get()),
                       {Qt::ForegroundRole, Qt::FontRole, Qt::ToolTipRole, CacheStateRole});
    for (const auto &child : node->children)
        repositoryChanged(child.get());
}

QString RepositoryModel::cacheState(const Node *node) const
{
    if (!m_cacheKnown || !node->isRepository)
        return {};
    const auto stored = m_cached.constFind(node->fullName);
    if (stored == m_cached.cend())
        return QStringLiteral("not cached");
    return stored->isLocal() ? QStringLiteral("local") : QStringLiteral("cached");
}

QString RepositoryModel::cacheToolTip(const Node *node) const
{
    const QString state = cacheState(node);
    if (state.isEmpty())
        return {};
    if (state == QLatin1String("not cached"))
        return tr("Not in the mirror's cache: the upstream has it, and a pull fetches it.");
    const client::CachedRepository &r = m_cached[node->fullName];
    const QString tags = tr("%n tag(s)", nullptr, static_cast<int>(r.tagCount));
    const QString pulled =
        r.lastPulled ? tr(", last pulled %1").arg(formatTime(*r.lastPulled)) : QString();
    if (state == QLatin1String("local"))
        return tr("Local (pushed here, not mirrored): %1, %2%3")
            .arg(tags, formatBytes(r.bytes), pulled);
    return tr("In the mirror's cache (from %1): %2, %3%4")
        .arg(r.mirroredFrom, tags, formatBytes(r.bytes), pulled);
}

int RepositoryModel::repositoryCount() const
{
    return m_root->repositories;
}

bool RepositoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_session && !m_done && !m_job;
}

void RepositoryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_job = m_next ? m_session->listPage(*m_next) : m_session->listRepositories(m_pageSize);
    m_started = true;
    m_job->setParent(this); // destroyed with the model: aborts
    connect(m_job, &client::ListPageJob::finished, this, &RepositoryModel::onPage);
    Q_EMIT loadingChanged(true);
}

void RepositoryModel::onPage(const client::ClientResult<client::ListPage> &page)
{
    m_job = nullptr;
    if (!page.ok()) {
        m_done = true;
        Q_EMIT loadingChanged(false);
        if (page.error().kind != client::ClientErrorKind::Cancelled)
            Q_EMIT loadFailed(page.error());
        return;
    }
    insertNames(page->items);
    if (page->next && !page->items.isEmpty())
        m_next = std::make_unique<client::ListCursor>(*page->next);
    else
        m_done = true;
    Q_EMIT loadingChanged(false);
}

bool RepositoryModel::addRepository(const QString &name)
{
    if (!oci::validateRepositoryName(name.toStdString()).ok())
        return false;
    insertNames({name});
    return true;
}

void RepositoryModel::insertNames(const QStringList &names)
{
    // New subtrees are built off-model, hanging from `pending[parent]` for
    // their first attached ancestor, then inserted with one beginInsertRows()
    // per parent.
    std::map<Node *, std::vector<std::unique_ptr<Node>>> pending;
    QList<Node *> parentsInOrder;
    QSet<Node *> touched;
    auto makeNode = [](Node *parent, const QString &segment) {
        auto node = std::make_unique<Node>();
        node->segment = segment;
        node->fullName =
            parent->fullName.isEmpty() ? segment : parent->fullName + QLatin1Char('/') + segment;
        node->parent = parent;
        return node;
    };
    for (const QString &name : names) {
        Node *node = m_root.get();
        for (const QString &segment : name.split(QLatin1Char('/'))) {
            Node *next = node->child(segment);
            if (!next && node->attached) {
                auto &list = pending[node];
                for (const auto &p : list) {
                    if (p->segment == segment)
                        next = p.get();
                }
                if (!next) {
                    if (list.empty())
                        parentsInOrder.append(node);
                    list.push_back(makeNode(node, segment));
                    next = list.back().get();
                }
            } else if (!next) {
                node->children.push_back(makeNode(node, segment));
                next = node->children.back().get();
            }
            node = next;
        }
        if (node->isRepository)
            continue; // a registry that repeats itself
        node->isRepository = true;
        for (Node *n = node; n; n = n->parent) {
            ++n->repositories;
            if (n->attached && n != m_root.get())
                touched.insert(n);
        }
    }
    for (Node *parent : std::as_const(parentsInOrder)) {
        auto &list = pending[parent];
        const int first = static_cast<int>(parent->children.size());
        beginInsertRows(indexOf(parent), first, first + static_cast<int>(list.size()) - 1);
        for (auto &n : list) {
            n->markAttached();
            parent->children.push_back(std::move(n));
        }
        endInsertRows();
    }
    // Counts shown by existing ancestors changed.
    for (Node *n : std::as_const(touched)) {
        const QModelIndex idx = indexOf(n);
        Q_EMIT dataChanged(idx, idx, {Qt::DisplayRole, RepositoryCountRole});
    }
}

QModelIndex RepositoryModel::indexOf(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

RepositoryModel::Node *RepositoryModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex RepositoryModel::indexForRepository(const QString &name) const
{
    const Node *node = m_root.get();
    for (const QString &segment : name.split(QLatin1Char('/'))) {
        node = node->child(segment);
        if (!node)
            return {};
    }
    return indexOf(node);
}

QModelIndex RepositoryModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (column != 0 || row < 0 || row >= static_cast<int>(p->children.size()))
        return {};
    return createIndex(row, 0, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex RepositoryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int RepositoryModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int RepositoryModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool RepositoryModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant RepositoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (!node->children.empty())
            return QStringLiteral("%1  (%2)").arg(node->segment).arg(node->repositories);
        return node->segment;
    case Qt::ToolTipRole: {
        const QString cache = cacheToolTip(node);
        return cache.isEmpty() ? node->fullName : node->fullName + QLatin1Char('\n') + cache;
    }
    case Qt::ForegroundRole:
        if (cacheState(node) == QLatin1String("not cached"))
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (cacheState(node) == QLatin1String("not cached")) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case CacheStateRole:
        return cacheState(node);
    case PathRole:
        return node->fullName;
    case FullNameRole:
        return node->isRepository ? node->fullName : QString();
    case IsRepositoryRole:
        return node->isRepository;
    case RepositoryCountRole:
        return node->repositories;
    default:
        return {};
    }
}

Qt::ItemFlags RepositoryModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractItemModel::flags(index);
    if (const Node *node = nodeOf(index); index.isValid() && node && node->isRepository)
        f |= Qt::ItemIsDropEnabled;
    return f;
}

QStringList RepositoryModel::mimeTypes() const
{
    return {QString::fromLatin1(TagDrag::kMimeType)};
}

Qt::DropActions RepositoryModel::supportedDropActions() const
{
    return Qt::CopyAction;
}

bool RepositoryModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    return action == Qt::CopyAction && parent.isValid() && node && node->isRepository &&
           TagDrag::from(data).has_value();
}

bool RepositoryModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                   int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const TagDrag drag = *TagDrag::from(data);
    Q_EMIT tagsDropped(drag.registryId, drag.repository, drag.tags, nodeOf(parent)->fullName);
    return false; // nothing was moved: the copy is offered, not done here
}

} // namespace berth::ui
