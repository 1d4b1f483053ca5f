"""Synthetic names from small built-in lists: common enough to look ordinary, combined at
random so that no row describes a real person."""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def _words(text: str) -> list[str]:
    return text.split()


BOYS = _words(
    "Aaron Adam Alfie Archie Ben Callum Charlie Connor Daniel Dylan Ethan Finley Harry "
    "Harvey Isaac Jack Jacob Jake Jamie Jayden Joe Josh Kai Kian Leo Liam Logan Luke Mason "
    "Max Mohammed Noah Oliver Oscar Owen Reece Riley Ryan Sam Theo Tyler Zak "
)
GIRLS = _words(
    "Abbie Amber Amelia Amy Bethany Chloe Courtney Demi Eden Ellie Emily Erin Evie Freya "
    "Grace Hannah Holly Isla Jade Jasmine Jessica Kayla Keira Lacey Leah Lily Lola Megan Mia "
    "Millie Molly Nadia Olivia Paige Phoebe Poppy Rosie Ruby Sophie Tia Zara "
)
FAMILY = _words(
    "Adams Ahmed Ali Allen Baker Bell Bennett Brown Campbell Carter Clarke Cole Collins Cook "
    "Cooper Davies Davis Edwards Ellis Evans Fisher Fox Graham Green Griffiths Hall Harris "
    "Harrison Hill Hughes Hussain Jackson James Jenkins Johnson Jones Kaur Kelly Khan King "
    "Knight Lee Lewis Lloyd Marshall Martin Mason Matthews Mills Mitchell Moore Morgan "
    "Morris Murphy Owen Palmer Parker Patel Phillips Powell Price Reid Richards Roberts "
    "Robinson Rogers Rose Russell Scott Shaw Simpson Singh Smith Stevens Taylor Thomas "
    "Thompson Turner Walker Ward Watson White Williams Wilson Wood Wright Young "
)
ADULTS = _words(
    "Alison Andrew Angela Carl Claire David Dawn Emma Gareth Helen Ian Jo Karen Kevin Lisa "
    "Mark Michelle Neil Nicola Paul Rachel Sarah Simon Stuart Tracey "
)


def given_names(rng: np.random.Generator, boys: np.ndarray) -> pa.Array:
    """A given name for each child: from the boys' list where ``boys`` is true."""
    n = len(boys)
    boy = rng.integers(0, len(BOYS), n)
    girl = rng.integers(0, len(GIRLS), n)
    vocabulary = pa.array(BOYS + GIRLS)
    return vocabulary.take(pa.array(np.where(boys, boy, len(BOYS) + girl)))


def family_names(rng: np.random.Generator, n: int) -> pa.Array:
    return pa.array(FAMILY).take(pa.array(rng.integers(0, len(FAMILY), n)))


def adult_names(rng: np.random.Generator, n: int) -> pa.Array:
    return pa.array(ADULTS).take(pa.array(rng.integers(0, len(ADULTS), n)))
