#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

namespace berth::ui {

// Settings → Preferences: the app-wide choices. Shows the saved ones; the
// window saves what was chosen when the dialog is accepted.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    // `language`: the saved choice, a locale name or empty for the system's.
    // `theme`: the saved one, "light", "dark" or empty for the desktop's.
    PreferencesDialog(const QString &language, const QString &theme, QWidget *parent = nullptr);

    QString language() const;
    QString theme() const;

private:
    void updateNote();

    QString m_shownLanguage; // what this run of Berth shows
    QComboBox *m_language;
    QLabel *m_languageNote;
    QComboBox *m_theme;
};

} // namespace berth::ui
