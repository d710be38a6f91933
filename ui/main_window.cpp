#include "main_window.h"

#include <QLabel>

namespace berth::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Berth"));
    auto *placeholder = new QLabel(tr("Berth — registry browsing arrives with the client."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1100, 700);
}

} // namespace berth::ui
