#pragma once

#include "client/tag_pattern.h"
#include "transfer/copy_task.h"

#include <QDialog>
#include <QList>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace berth::ui {

// Says what to copy and where: the selected tags (one of them may get a
// new name: a promotion when the repository stays) or every tag of the
// repository the filter names, to a repository of any saved registry;
// signatures, SBOMs and attestations along or not; tags pointing at other
// images moved or not. The copy itself runs in the window's transfer
// list (copyRequested), digest for digest, every platform.
class CopyDialog : public QDialog
{
    Q_OBJECT

public:
    struct Registry
    {
        QString id;
        QString name;
    };
    struct Source
    {
        QString registryId;
        QString registryName;
        QString repository;
        QStringList tags;            // selected (or dropped)
        QStringList digests;         // the image each tag named when shown ("" unknown)
        client::TagPattern filter;   // the tag table's, for "every tag"
        bool everyTagOffered = true; // false: dropped tags are what is copied
        QStringList platforms;       // of the selected tags that are indexes
    };

    CopyDialog(Source source, const QList<Registry> &registries, QWidget *parent = nullptr);

    // Where the copy goes, chosen beforehand (tags dropped on a repository).
    void setDestination(const QString &registryId, const QString &repository);

Q_SIGNALS:
    void copyRequested(const berth::transfer::CopyTask &task);

private:
    void updateFields();
    void start();

    Source m_source;
    QRadioButton *m_selected;
    QRadioButton *m_everyTag;
    QComboBox *m_registry;
    QLineEdit *m_toRepository;
    QLineEdit *m_toTag;
    QCheckBox *m_referrers;
    QCheckBox *m_overwrite;
    QList<QCheckBox *> m_platforms;
    QLabel *m_problem;
};

} // namespace berth::ui
