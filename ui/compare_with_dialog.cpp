#include "ui/compare_with_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace berth::ui {

CompareWithDialog::CompareWithDialog(const QString &shown, const QList<Registry> &registries,
                                     const QString &currentId, const QString &repository,
                                     const QString &tag, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("compareWithDialog"));
    setWindowTitle(tr("Compare %1 with…").arg(shown));
    m_registry = new QComboBox(this);
    m_registry->setObjectName(QStringLiteral("compareWithRegistry"));
    // Another registry first, with the same tag (a mirror and its
    // upstream); with only one, another tag of it.
    int other = -1;
    for (const Registry &r : registries) {
        m_registry->addItem(r.name, r.id);
        if (r.id != currentId && other < 0)
            other = m_registry->count() - 1;
        if (r.id == currentId)
            m_registry->setCurrentIndex(m_registry->count() - 1);
    }
    if (other >= 0)
        m_registry->setCurrentIndex(other);
    m_repository = new QLineEdit(repository, this);
    m_repository->setObjectName(QStringLiteral("compareWithRepository"));
    m_reference = new QLineEdit(other >= 0 ? tag : QString(), this);
    m_reference->setObjectName(QStringLiteral("compareWithReference"));
    m_reference->setPlaceholderText(tr("a tag, or a digest (sha256:…)"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Registry:"), m_registry);
    form->addRow(tr("Re&pository:"), m_repository);
    form->addRow(tr("&Tag or digest:"), m_reference);
    auto *hint = new QLabel(tr("The two images are read through the layer cache; nothing is "
                               "pulled or written to either registry."),
                            this);
    hint->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_repository, &QLineEdit::textChanged, this, &CompareWithDialog::check);
    connect(m_reference, &QLineEdit::textChanged, this, &CompareWithDialog::check);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_buttons);
    m_reference->setFocus();
    m_reference->selectAll();
    check();
    // Wide enough for its title, which names the image.
    resize(std::max(sizeHint().width(), fontMetrics().horizontalAdvance(windowTitle()) + 120),
           sizeHint().height());
}

void CompareWithDialog::check()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!repository().isEmpty() && !reference().isEmpty() &&
                     m_registry->currentIndex() >= 0);
}

QString CompareWithDialog::registryId() const
{
    return m_registry->currentData().toString();
}

QString CompareWithDialog::registryName() const
{
    return m_registry->currentText();
}

QString CompareWithDialog::repository() const
{
    return m_repository->text().trimmed();
}

QString CompareWithDialog::reference() const
{
    return m_reference->text().trimmed();
}

} // namespace berth::ui
