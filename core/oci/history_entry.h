#pragma once

#include <string>

namespace berth::oci {

// One line of an image config's history.
struct HistoryEntry
{
    std::string created;
    std::string createdBy;
    std::string author;
    std::string comment;
    bool emptyLayer = false;
};

} // namespace berth::oci
