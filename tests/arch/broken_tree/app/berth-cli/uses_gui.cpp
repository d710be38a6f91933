// Breaks the rule on purpose: berth-cli runs without a display.
#include <QGuiApplication>
