#pragma once

#include "client/deletion_plan.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace berth::ui {

// Cleanup by rule: keep the newest N tags, delete tags matching a pattern,
// older than D days — any combination. The preview is the exact plan
// (shared digests become tag-only removals, multi-arch images say how many
// platform manifests they carry, undated tags are kept and named); nothing
// is deleted here: "Delete these…" hands the plan to the typed confirmation.
class RetentionDialog : public QDialog
{
    Q_OBJECT

public:
    RetentionDialog(const QString &repository, QList<client::TagFacts> tags,
                    QWidget *parent = nullptr);

    client::DeletionPlan plan() const { return m_plan; }

private:
    void update();

    QString m_repository;
    QList<client::TagFacts> m_tags;
    client::DeletionPlan m_plan;
    QCheckBox *m_keepBox;
    QSpinBox *m_keep;
    QCheckBox *m_matchBox;
    QLineEdit *m_match;
    QCheckBox *m_olderBox;
    QSpinBox *m_older;
    QLabel *m_summary;
    QListWidget *m_preview;
    QPushButton *m_continue;
};

} // namespace berth::ui
