#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QLabel;
class QSpinBox;

namespace berth::ui {

// Settings → Preferences: the app-wide choices. Shows the saved ones; the
// window saves what was chosen when the dialog is accepted.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    struct Choices
    {
        QString language; // a locale name, or empty for the system's
        QString theme;    // "light", "dark", or empty for the desktop's
        int requestsAtOnce = 12;
        int copiesAtOnce = 2;
        int layersAtOnce = 4;
        int layerCacheMiB = 512;
    };
    explicit PreferencesDialog(const Choices &saved, QWidget *parent = nullptr);

    Choices choices() const;
    QString language() const;
    QString theme() const;

private:
    void updateNote();

    QString m_shownLanguage; // what this run of Berth shows
    QComboBox *m_language;
    QLabel *m_languageNote;
    QComboBox *m_theme;
    QSpinBox *m_requests;
    QSpinBox *m_copies;
    QSpinBox *m_layers;
    QSpinBox *m_layerCache;
};

} // namespace berth::ui
