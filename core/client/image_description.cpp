#include "client/image_description.h"

namespace berth::client {

QStringList ImageDescription::platformNames() const
{
    QStringList names;
    if (!isIndex()) {
        if (config && config->config) {
            oci::Platform p;
            p.architecture = config->config->architecture;
            p.os = config->config->os;
            p.variant = config->config->variant;
            if (!p.os.empty() || !p.architecture.empty())
                names.append(QString::fromStdString(p.toString()));
        }
        return names;
    }
    for (const PlatformImage &image : platforms) {
        if (image.descriptor.platform)
            names.append(QString::fromStdString(image.descriptor.platform->toString()));
    }
    return names;
}

} // namespace berth::client
