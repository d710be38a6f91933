#pragma once
#include <QSaveFile>
