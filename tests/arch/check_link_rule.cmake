cmake_minimum_required(VERSION 3.25)
# An executable links none of the libraries a rule forbids it:
#   - the GUI, none of the built-in registry's (libmicrohttpd, yaml-cpp belong
#     to berth-registry; the app reaches htpasswd through core/auth);
#   - berth-cli, no Qt GUI library (it runs without a display).
# Usage: cmake -DBINARY=<executable> [-DFORBIDDEN=lib1;lib2] -P check_link_rule.cmake
# (default FORBIDDEN: the server's libraries).
if(NOT BINARY)
  message(FATAL_ERROR "usage: cmake -DBINARY=... [-DFORBIDDEN=...] -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
if(NOT FORBIDDEN)
  set(FORBIDDEN libmicrohttpd libyaml-cpp)
endif()
execute_process(COMMAND ldd "${BINARY}" OUTPUT_VARIABLE libraries RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ldd ${BINARY} failed")
endif()
set(violations "")
foreach(library IN LISTS FORBIDDEN)
  if(libraries MATCHES "${library}")
    string(APPEND violations " ${library}")
  endif()
endforeach()
if(violations)
  message(FATAL_ERROR "link rule broken: ${BINARY} links${violations}")
endif()
message(STATUS "link rule holds for ${BINARY}")
