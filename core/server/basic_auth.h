#pragma once

#include "server/http_types.h"

namespace berth::server {

class Htpasswd;

// The request carries `Authorization: Basic` credentials of a user of
// `users` (bcrypt-checked).
bool basicAuthAccepts(const Htpasswd &users, const HttpRequest &request);

} // namespace berth::server
