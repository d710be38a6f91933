#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

// SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C in a terminal)
// turned into a Qt signal on the GUI thread, so the app can end as if its
// window were closed (stopping its local registry) instead of dying with
// it left running. The handler only writes the signal number to a socket
// (async-signal-safe); a QSocketNotifier reads it in the event loop. One
// per process.
class TerminationSignals : public QObject
{
    Q_OBJECT

public:
    explicit TerminationSignals(std::initializer_list<int> signals, QObject *parent = nullptr);
    ~TerminationSignals() override;

Q_SIGNALS:
    void received(int signal);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};
