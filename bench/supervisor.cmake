# The bare CONTINUE supervisor (overhead floor) for bench/supervisor.sh.
add_executable(lanner_floor_supervisor ${CMAKE_CURRENT_LIST_DIR}/floor_supervisor.c)
target_link_libraries(lanner_floor_supervisor PRIVATE PkgConfig::SECCOMP Threads::Threads)
set_target_properties(lanner_floor_supervisor PROPERTIES OUTPUT_NAME floor_supervisor
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
