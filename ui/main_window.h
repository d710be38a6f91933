#pragma once

#include <QMainWindow>

namespace berth::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace berth::ui
