#include "ui/retention_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <chrono>

namespace berth::ui {

RetentionDialog::RetentionDialog(const QString &repository, QList<client::TagFacts> tags,
                                 QWidget *parent)
    : QDialog(parent)
    , m_repository(repository)
    , m_tags(std::move(tags))
{
    setWindowTitle(tr("Retention — %1").arg(repository));
    resize(680, 520);
    m_keepBox = new QCheckBox(tr("Keep the newest"), this);
    m_keepBox->setObjectName(QStringLiteral("keepNewestBox"));
    m_keepBox->setChecked(true);
    m_keep = new QSpinBox(this);
    m_keep->setObjectName(QStringLiteral("keepNewestCount"));
    m_keep->setRange(0, 100000);
    m_keep->setValue(10);
    m_keep->setSuffix(tr(" tags (of those the other conditions select)"));
    m_matchBox = new QCheckBox(tr("Only tags matching"), this);
    m_matchBox->setObjectName(QStringLiteral("matchingBox"));
    m_match = new QLineEdit(this);
    m_match->setObjectName(QStringLiteral("matchingEdit"));
    m_match->setPlaceholderText(tr("regular expression for the whole tag, e.g. pr-.*|.*-rc\\d+"));
    m_olderBox = new QCheckBox(tr("Only tags older than"), this);
    m_olderBox->setObjectName(QStringLiteral("olderThanBox"));
    m_older = new QSpinBox(this);
    m_older->setObjectName(QStringLiteral("olderThanDays"));
    m_older->setRange(0, 100000);
    m_older->setValue(90);
    m_older->setSuffix(tr(" days"));
    auto *grid = new QGridLayout;
    grid->addWidget(m_keepBox, 0, 0);
    grid->addWidget(m_keep, 0, 1);
    grid->addWidget(m_matchBox, 1, 0);
    grid->addWidget(m_match, 1, 1);
    grid->addWidget(m_olderBox, 2, 0);
    grid->addWidget(m_older, 2, 1);
    grid->setColumnStretch(1, 1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_preview = new QListWidget(this);
    m_preview->setObjectName(QStringLiteral("preview"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_continue = buttons->addButton(tr("Delete these…"), QDialogButtonBox::AcceptRole);
    m_continue->setObjectName(QStringLiteral("continueButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_summary);
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);

    for (QCheckBox *box : {m_keepBox, m_matchBox, m_olderBox})
        connect(box, &QCheckBox::toggled, this, &RetentionDialog::update);
    connect(m_keep, &QSpinBox::valueChanged, this, &RetentionDialog::update);
    connect(m_older, &QSpinBox::valueChanged, this, &RetentionDialog::update);
    connect(m_match, &QLineEdit::textChanged, this, &RetentionDialog::update);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

void RetentionDialog::update()
{
    client::RetentionRule rule;
    if (m_keepBox->isChecked())
        rule.keepNewest = m_keep->value();
    if (m_matchBox->isChecked())
        rule.matching = m_match->text();
    if (m_olderBox->isChecked())
        rule.olderThanDays = m_older->value();
    m_keep->setEnabled(m_keepBox->isChecked());
    m_match->setEnabled(m_matchBox->isChecked());
    m_older->setEnabled(m_olderBox->isChecked());
    m_preview->clear();
    const QString problem = rule.problem();
    if (!problem.isEmpty()) {
        m_plan = {};
        m_summary->setText(problem);
        m_continue->setEnabled(false);
        return;
    }
    QStringList undated;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    m_plan = client::DeletionPlan::make(m_repository, m_tags, rule.select(m_tags, now, &undated));
    m_preview->addItems(m_plan.describe());
    QString text =
        tr("%1 of %n tag(s) would be deleted; %2 stay.", nullptr, static_cast<int>(m_tags.size()))
            .arg(m_plan.deletedTagCount())
            .arg(m_plan.kept.size());
    if (!undated.isEmpty())
        text +=
            QLatin1Char(' ') +
            tr("Kept because their date is unknown: %1.").arg(undated.join(QStringLiteral(", ")));
    m_summary->setText(text);
    m_continue->setEnabled(!m_plan.isEmpty());
}

} // namespace berth::ui
