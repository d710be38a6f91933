#pragma once

#include "server/http_types.h"

namespace berth::auth {
class Htpasswd;
}

namespace berth::server {

// The request carries `Authorization: Basic` credentials of a user of
// `users` (bcrypt-checked).
bool basicAuthAccepts(const auth::Htpasswd &users, const HttpRequest &request);
// basicAuthAccepts would answer without a bcrypt (the credentials were
// accepted a moment ago): cheap enough for a request thread.
bool basicAuthCached(const auth::Htpasswd &users, const HttpRequest &request);

} // namespace berth::server
