#include "ui/transfer_list_model.h"

#include "ui/icons.h"
#include "ui/size_format.h"
#include "ui/theme_colors.h"

#include "transfer/copy_queue.h"

#include <QGuiApplication>
#include <QIcon>
#include <QPalette>

#include <algorithm>

namespace berth::ui {

using transfer::CopyTaskState;
using transfer::CopyTaskStatus;

TransferListModel::TransferListModel(transfer::CopyQueue *queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
{
    connect(queue, &transfer::CopyQueue::aboutToAdd, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(queue, &transfer::CopyQueue::added, this, [this] { endInsertRows(); });
    connect(queue, &transfer::CopyQueue::changed, this,
            [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
    connect(queue, &transfer::CopyQueue::aboutToRemove, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(queue, &transfer::CopyQueue::removed, this, [this] { endRemoveRows(); });
}

int TransferListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_queue ? 0 : m_queue->size();
}

int TransferListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransferListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhatColumn:
        return tr("Copy");
    case ToColumn:
        return tr("To");
    case ProgressColumn:
        return tr("Progress");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QString TransferListModel::whatText(const CopyTaskStatus &status)
{
    const client::CopyTagsRequest &r = status.task.request;
    QString tags;
    if (r.everyTag)
        tags = r.pattern.isEmpty() ? tr("every tag")
                                   : tr("every tag matching “%1”").arg(r.pattern.text());
    else if (r.tags.size() == 1)
        tags = r.tags.first();
    else if (r.tags.size() <= 3)
        tags = r.tags.join(QStringLiteral(", "));
    else
        tags = tr("%1 and %n more", nullptr, static_cast<int>(r.tags.size()) - 2)
                   .arg(r.tags.mid(0, 2).join(QStringLiteral(", ")));
    return tr("%1: %2:%3").arg(status.task.sourceName, r.fromRepository, tags);
}

QString TransferListModel::toText(const CopyTaskStatus &status)
{
    const client::CopyTagsRequest &r = status.task.request;
    const QString where =
        r.toTag.isEmpty() ? r.toRepository : r.toRepository + QLatin1Char(':') + r.toTag;
    return tr("%1: %2").arg(status.task.targetName, where);
}

namespace {

QString duration(qint64 seconds)
{
    if (seconds < 60)
        return TransferListModel::tr("%n s", nullptr, static_cast<int>(seconds));
    if (seconds < 3600)
        return TransferListModel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return TransferListModel::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

QString copyingText(const CopyTaskStatus &status)
{
    const client::CopyTagsProgress &p = status.progress;
    if (p.tags == 0)
        return TransferListModel::tr("Listing the tags…");
    QStringList parts;
    if (p.tags > 1)
        parts << TransferListModel::tr("tag %1 of %2 (%3)")
                     .arg(p.tagsDone + 1)
                     .arg(p.tags)
                     .arg(p.tag);
    if (p.image.bytesTotal > 0)
        parts << TransferListModel::tr("%1 of %2")
                     .arg(formatBytes(p.image.bytesDone), formatBytes(p.image.bytesTotal));
    if (status.bytesPerSecond() > 0)
        parts << TransferListModel::tr("%1/s").arg(
            formatBytes(static_cast<qint64>(status.bytesPerSecond())));
    if (const qint64 left = status.secondsLeft(); left >= 0)
        parts << TransferListModel::tr("%1 left").arg(duration(left));
    if (p.image.retries > 0)
        parts << TransferListModel::tr("%n retry(s)", nullptr, p.image.retries);
    if (parts.isEmpty())
        return TransferListModel::tr("Reading %1…").arg(p.tag);
    return parts.join(QStringLiteral(" · "));
}

QString summaryText(const client::CopyTagsSummary &s)
{
    QStringList parts;
    if (s.copied() > 0)
        parts << TransferListModel::tr("%n copied", nullptr, s.copied());
    if (s.unchanged() > 0)
        parts << TransferListModel::tr("%n already there", nullptr, s.unchanged());
    if (s.bytesCopied() > 0)
        parts << TransferListModel::tr("%1 streamed").arg(formatBytes(s.bytesCopied()));
    if (s.retries() > 0)
        parts << TransferListModel::tr("%n retry(s)", nullptr, s.retries());
    for (const client::TagCopyOutcome &t : s.tags) {
        if (t.error)
            parts << TransferListModel::tr("%1: %2").arg(t.tag, t.error->message);
        for (const QString &warning : t.summary.warnings)
            parts << TransferListModel::tr("%1: %2").arg(t.tag, warning);
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

bool TransferListModel::hasTagConflict(const CopyTaskStatus &status)
{
    if (status.error && status.error->kind == client::ClientErrorKind::TagExists)
        return true;
    return status.summary &&
           std::any_of(status.summary->tags.begin(), status.summary->tags.end(),
                       [](const client::TagCopyOutcome &t) {
                           return t.error && t.error->kind == client::ClientErrorKind::TagExists;
                       });
}

QString TransferListModel::statusText(const CopyTaskStatus &status)
{
    QString text = stateText(status);
    QStringList platforms; // as copied: empty when no index was narrowed
    if (status.summary) {
        for (const client::TagCopyOutcome &t : status.summary->tags) {
            if (!t.error && !t.summary.sourceDigest.isEmpty())
                platforms = t.summary.platforms;
        }
    }
    if (status.isFinished() && !platforms.isEmpty())
        text += QLatin1Char(' ') +
                (platforms.size() == 1
                     ? tr("Only %1: that platform's image, not the index.").arg(platforms.first())
                     : tr("Only %1: a new index with a digest of its own.")
                           .arg(platforms.join(QStringLiteral(", "))));
    if (status.isFinished() && hasTagConflict(status))
        text += QLatin1Char(' ') + tr("“Run again, moving tags” moves them.");
    return text;
}

QString TransferListModel::stateText(const CopyTaskStatus &status)
{
    switch (status.state) {
    case CopyTaskState::Waiting:
        return tr("Waiting");
    case CopyTaskState::Opening:
        return tr("Logging in…");
    case CopyTaskState::Copying:
        return copyingText(status);
    case CopyTaskState::Done:
        return tr("Done: %1").arg(status.summary ? summaryText(*status.summary) : QString());
    case CopyTaskState::Partial:
        return tr("Partly done: %1").arg(status.summary ? summaryText(*status.summary) : QString());
    case CopyTaskState::Failed:
        if (status.summary && status.summary->copied() + status.summary->unchanged() > 0)
            return tr("Failed after %n tag(s): %1", nullptr,
                      status.summary->copied() + status.summary->unchanged())
                .arg(status.error ? status.error->message : QString());
        if (status.summary && status.summary->tags.size() > 1)
            return tr("Nothing copied: %1").arg(summaryText(*status.summary));
        return tr("Failed: %1").arg(status.error ? status.error->message : QString());
    case CopyTaskState::Stopped:
        return status.progress.tagsDone > 0 ? tr("Stopped after %n tag(s); none is half-tagged.",
                                                 nullptr, status.progress.tagsDone)
                                            : tr("Stopped; nothing was tagged.");
    }
    return {};
}

// A light by the words: green done, amber partly done or under way, red
// failed, grey stopped; the palette's variant of each (ThemeColors). Drawn
// once per colour: a running row repaints ten times a second.
QIcon TransferListModel::stateIcon(CopyTaskState state) const
{
    using Role = ThemeColors::Role;
    Role role = Role::Busy;
    switch (state) {
    case CopyTaskState::Waiting:
        return {};
    case CopyTaskState::Done:
        role = Role::Running;
        break;
    case CopyTaskState::Failed:
        role = Role::Failed;
        break;
    case CopyTaskState::Stopped:
        role = Role::Stopped;
        break;
    default:
        break;
    }
    const QColor colour = ThemeColors::color(role, QGuiApplication::palette());
    auto it = m_lights.constFind(colour.rgba());
    if (it == m_lights.cend())
        it = m_lights.insert(colour.rgba(), Icons::statusLight(colour));
    return *it;
}

QVariant TransferListModel::data(const QModelIndex &index, int role) const
{
    if (!m_queue || !index.isValid() || index.row() >= m_queue->size())
        return {};
    const CopyTaskStatus &status = m_queue->at(index.row());
    if (role == StateRole)
        return static_cast<int>(status.state);
    if (role == ProgressRole) {
        if (status.state == CopyTaskState::Done)
            return 1000;
        const client::CopyTagsProgress &p = status.progress;
        if (status.state != CopyTaskState::Copying || p.tags == 0)
            return -1;
        // Whole tags done, and the share of the one under way.
        const double image = p.image.bytesTotal > 0 ? static_cast<double>(p.image.bytesDone) /
                                                          static_cast<double>(p.image.bytesTotal)
                                                    : 0.0;
        return static_cast<int>(1000.0 * (p.tagsDone + image) / p.tags);
    }
    if (role == Qt::DecorationRole && index.column() == StatusColumn)
        return stateIcon(status.state);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case WhatColumn:
        return whatText(status);
    case ToColumn:
        return toText(status);
    case ProgressColumn:
        return role == Qt::ToolTipRole ? statusText(status) : QVariant();
    case StatusColumn:
        return statusText(status);
    default:
        return {};
    }
}

} // namespace berth::ui
