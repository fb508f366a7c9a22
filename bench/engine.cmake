# Engine benchmarks (Google Benchmark): loading + compiling Falco's upstream rule files, and
# evaluating synthetic events through the real field extractors. Upstream files are test data
# read from LANNER_UPSTREAM_RULES_DIR; the benchmarks report an error when they are absent.
if(TARGET lanner_engine AND TARGET lanner_event AND TARGET lanner_rules AND TARGET benchmark::benchmark)
  foreach(bench bench_engine_load bench_engine_eval)
    add_executable(${bench} ${CMAKE_CURRENT_LIST_DIR}/${bench}.cpp)
    target_link_libraries(${bench} PRIVATE lanner_engine lanner_event lanner_rules benchmark::benchmark)
    target_include_directories(${bench} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/tests)
    target_compile_definitions(${bench} PRIVATE LANNER_UPSTREAM_RULES_DIR="${LANNER_UPSTREAM_RULES_DIR}")
  endforeach()
endif()
