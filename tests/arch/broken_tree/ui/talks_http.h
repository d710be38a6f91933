#pragma once
#include <QNetworkAccessManager>
