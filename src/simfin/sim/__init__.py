"""The discrete-event simulation (SimPy): time stamps only, never money."""

from simfin.sim.model import Simulation, SimulationOutput, simulate

__all__ = ["Simulation", "SimulationOutput", "simulate"]
