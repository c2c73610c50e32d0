"""`make bench` and the load tests: start the three servers on free ports (stack), drive
realistic conversations through the channels (loadgen), measure latency, throughput, CPU and
memory (bench; also `python -m cadomaestro.perf`). Nothing of the assistant's runtime imports
this package.
"""
