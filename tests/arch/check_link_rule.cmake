cmake_minimum_required(VERSION 3.25)
# The GUI links none of the built-in registry's libraries: libmicrohttpd and
# yaml-cpp belong to berth-registry (core/server); the app reaches htpasswd
# through core/auth, which needs only libcrypt.
# Usage: cmake -DBINARY=<executable> -P check_link_rule.cmake
if(NOT BINARY)
  message(FATAL_ERROR "usage: cmake -DBINARY=... -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
execute_process(COMMAND ldd "${BINARY}" OUTPUT_VARIABLE libraries RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ldd ${BINARY} failed")
endif()
set(violations "")
foreach(library libmicrohttpd libyaml-cpp)
  if(libraries MATCHES "${library}")
    string(APPEND violations " ${library}")
  endif()
endforeach()
if(violations)
  message(FATAL_ERROR "link rule broken: ${BINARY} links the server's${violations}")
endif()
message(STATUS "link rule holds for ${BINARY}")
