#include <QProcess>
