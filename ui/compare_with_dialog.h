#pragma once

#include <QDialog>
#include <QList>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace berth::ui {

// Tag → Compare… with one tag selected: what to compare it with — a tag
// or digest of any repository of any saved registry (the same tag of the
// same repository on the registry shown first, so that a mirror and its
// upstream are one choice away).
class CompareWithDialog : public QDialog
{
    Q_OBJECT

public:
    struct Registry
    {
        QString id;
        QString name;
    };

    CompareWithDialog(const QString &shown, const QList<Registry> &registries,
                      const QString &currentId, const QString &repository, const QString &tag,
                      QWidget *parent = nullptr);

    QString registryId() const;
    QString registryName() const;
    QString repository() const;
    QString reference() const;

private:
    void check();

    QComboBox *m_registry;
    QLineEdit *m_repository;
    QLineEdit *m_reference;
    QDialogButtonBox *m_buttons;
};

} // namespace berth::ui
