#include "ui/preferences_dialog.h"

#include "ui/translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace berth::ui {

namespace {

QSpinBox *spinBox(const char *name, int low, int high, int value, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(low, high);
    box->setValue(value);
    return box;
}

} // namespace

PreferencesDialog::PreferencesDialog(const Choices &saved, QWidget *parent)
    : QDialog(parent)
    , m_shownLanguage(Translations::resolve(saved.language))
{
    const QString &language = saved.language;
    const QString &theme = saved.theme;
    setWindowTitle(tr("Preferences"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(
        tr("System default (%1)").arg(Translations::nativeName(Translations::resolve({}))),
        QString());
    for (const QString &name : Translations::available())
        m_language->addItem(Translations::nativeName(name), name);
    m_language->setCurrentIndex(std::max(0, m_language->findData(language)));
    m_languageNote = new QLabel(this);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->setWordWrap(true);
    connect(m_language, &QComboBox::currentIndexChanged, this, &PreferencesDialog::updateNote);

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("The desktop's"), QString());
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(theme)));
    m_theme->setToolTip(tr("Light or dark whatever the desktop uses; the desktop's follows its "
                           "colour scheme."));

    m_requests = spinBox("requestsAtOnce", 1, 32, saved.requestsAtOnce, this);
    m_requests->setToolTip(tr("Requests sent to one registry at once when listing and describing "
                              "tags or deleting many; from the next connection"));
    m_copies = spinBox("copiesAtOnce", 1, 8, saved.copiesAtOnce, this);
    m_copies->setToolTip(tr("Copies in the Transfers list that run at the same time; the "
                            "others wait"));
    m_layers = spinBox("layersAtOnce", 1, 32, saved.layersAtOnce, this);
    m_layers->setToolTip(tr("Layers each copy moves at the same time; for copies started from "
                            "now on"));

    m_layerCache = spinBox("layerCacheMiB", 16, 65536, saved.layerCacheMiB, this);
    m_layerCache->setSuffix(tr(" MiB"));
    m_layerCache->setSingleStep(64);
    m_layerCache->setToolTip(tr("What the file lists of layers (Files, Compare) may keep on disk; "
                                "the least recently used go first"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("&Requests at once per registry:"), m_requests);
    form->addRow(tr("&Copies at once:"), m_copies);
    form->addRow(tr("La&yers at once per copy:"), m_layers);
    form->addRow(tr("Layer &file lists kept:"), m_layerCache);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    updateNote();
}

PreferencesDialog::Choices PreferencesDialog::choices() const
{
    return {language(),        theme(),           m_requests->value(),
            m_copies->value(), m_layers->value(), m_layerCache->value()};
}

QString PreferencesDialog::language() const
{
    return m_language->currentData().toString();
}

QString PreferencesDialog::theme() const
{
    return m_theme->currentData().toString();
}

void PreferencesDialog::updateNote()
{
    const QString chosen = Translations::resolve(language());
    // Said in the language chosen as well when it is not the one shown, so
    // a person who picked a language by its name can read what happens.
    m_languageNote->setText(
        chosen == m_shownLanguage
            ? QString()
            : tr("Berth speaks %1 from its next start.").arg(Translations::nativeName(chosen)));
    m_languageNote->setVisible(chosen != m_shownLanguage);
    // The note wraps: the dialog grows to show all of its lines.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : sizeHint().height();
    if (height() < needed)
        resize(width(), needed);
}

} // namespace berth::ui
