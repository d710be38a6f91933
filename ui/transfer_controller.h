#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace berth::ui {

class RegistryWidget;

// Images into files and back for the registry shown: Tag → Export… (the
// selected tags, ExportDialog) and Tag → Import… (ImportDialog). One
// concern, so that the window only routes the actions.
class TransferController : public QObject
{
    Q_OBJECT

public:
    TransferController(RegistryWidget *registry, QWidget *window);

    void exportSelected();
    void importImage();

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    QPointer<RegistryWidget> m_registry;
    QWidget *m_window;
};

} // namespace berth::ui
