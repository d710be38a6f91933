#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace berth::ui {

class RegistryWidget;

// Seeing inside images of the registry shown, beyond the Files tab:
// Tag → Compare… (two selected tags, CompareDialog). One concern, so that
// the window only routes actions.
class InspectController : public QObject
{
    Q_OBJECT

public:
    InspectController(RegistryWidget *registry, QWidget *window);

    void compareSelected();

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    QPointer<RegistryWidget> m_registry;
    QWidget *m_window;
};

} // namespace berth::ui
