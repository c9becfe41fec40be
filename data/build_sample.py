"""Build the bundled sample organisation: data/sample-org.yaml and the CSV folder data/sample-org-csv/.

Run from the project root (it rewrites both, byte for byte the same on every run)::

    .venv/bin/python data/build_sample.py

Marlow & Finch Home Stores is a fictional home-and-garden retailer of about 200 people: ten stores
and a contact centre (the front line) supported by head-office functions. The people, teams and
relationships are written out below as plain tables so that a reviewer can read the organisation
here; only the names of store staff, contact-centre advisers and lab researchers are drawn from
name lists with a fixed seed. The problems planted for the analyses to find (a sole provider, an
overloaded team, a silo, a bridge, a long slow chain and a circular dependency) are listed by id
in data/README.md, and tests/io/test_sample_data.py checks that they hold. Edit this script, never
the generated files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import textwrap
from collections.abc import Iterable
from pathlib import Path

import yaml

from orggraph.model import Capability, Channel, Department, Dependency, Org, OrgMeta, Unit

HERE = Path(__file__).resolve().parent
YAML_PATH = HERE / "sample-org.yaml"
CSV_DIR = HERE / "sample-org-csv"
SEED = 2024
DOMAIN = "marlowfinch.example"
HQ = "Head Office, Leeds"
DC = "Distribution Centre, Wakefield"
CC = "Contact Centre, Halifax"
LAB = "Research Lab, Cambridge"



def part_time(fte: float) -> dict:
    return {"fte": fte, "tags": ("part-time",)}


DEPARTMENTS = [  # id, name, head
    ("executive", "Executive Office", "helen.marsh"),
    ("stores", "Stores", "mark.ellis"),
    ("contact-centre", "Customer Contact Centre", "jenny.walsh"),
    ("hr", "People and HR", "sofia.alvarez"),
    ("payroll", "Payroll", "nadia.farouk"),
    ("it", "IT", "raj.mehta"),
    ("finance", "Finance and Accounts", "martin.cole"),
    ("logistics", "Logistics and Distribution", "david.brooks"),
    ("procurement", "Procurement", "li.wei"),
    ("marketing", "Marketing", "claire.dubois"),
    ("sales", "Corporate Sales", "james.okafor"),
    ("facilities", "Facilities and Mailroom", "karen.hughes"),
    ("research", "Product Research Lab", "elena.petrova"),
]

# Head office and support people: id, title, department, manager, team, location, extra fields.
PEOPLE: list[tuple[str, str, str, str | None, str | None, str, dict]] = [
    ("helen.marsh", "Chief Executive Officer", "executive", None, None, HQ, {}),
    ("victor.nguyen", "Chief Operating Officer", "executive", "helen.marsh", None, HQ, {}),
    ("aisha.bello", "Chief of Staff", "executive", "helen.marsh", None, HQ, {}),
    ("paul.dunn", "Executive Assistant", "executive", "helen.marsh", None, HQ, {}),
    ("ruth.kimani", "Company Secretary and Legal Counsel", "executive", "helen.marsh", None, HQ, {}),
    # Finance and Accounts
    ("martin.cole", "Chief Financial Officer", "finance", "helen.marsh", None, HQ, {}),
    ("george.adams", "Financial Controller", "finance", "martin.cole", "financial-accounting", HQ, {}),
    ("hannah.schmidt", "Accounts Payable Supervisor", "finance", "martin.cole", "accounts-payable", HQ, {}),
    ("tariq.aziz", "FP&A Analyst", "finance", "martin.cole", None, HQ, {}),
    ("olivia.grant", "Credit Controller", "finance", "martin.cole", None, HQ, {}),
    ("omar.haddad", "Accounts Payable Officer (Freight and Carriers)", "finance", "hannah.schmidt",
     "accounts-payable", HQ, {}),
    ("grace.lin", "Accounts Payable Officer", "finance", "hannah.schmidt", "accounts-payable", HQ, {}),
    ("nina.patel", "Supplier Master Data Officer", "finance", "hannah.schmidt", "accounts-payable", HQ, {}),
    ("ryan.cho", "Accounts Payable Clerk", "finance", "hannah.schmidt", "accounts-payable", HQ, {}),
    ("fatima.diallo", "Accounts Assistant (Refunds and Receivables)", "finance", "hannah.schmidt",
     "accounts-payable", HQ, part_time(0.8)),
    ("ben.harris", "Financial Accountant", "finance", "george.adams", "financial-accounting", HQ, {}),
    ("chen.yu", "Management Accountant", "finance", "george.adams", "financial-accounting", HQ, {}),
    ("joy.mensah", "Payroll and Benefits Accountant", "finance", "george.adams", "financial-accounting", HQ,
     {}),
    ("ivan.petrov", "Cash and Banking Accountant", "finance", "george.adams", "financial-accounting", HQ, {}),
    ("mei.tanaka", "Tax Accountant", "finance", "george.adams", "financial-accounting", HQ,
     part_time(0.6)),
    # Payroll
    ("nadia.farouk", "Payroll Manager", "payroll", "martin.cole", None, HQ, {}),
    ("dana.reyes", "Payroll Clerk", "payroll", "nadia.farouk", None, HQ, {"tags": ("key-person",)}),
    ("lee.park", "Payroll Officer", "payroll", "nadia.farouk", None, HQ, {}),
    ("priya.shah", "Payroll Officer", "payroll", "nadia.farouk", None, HQ, {}),
    ("kofi.asante", "Time and Attendance Coordinator", "payroll", "nadia.farouk", None, HQ, {}),
    ("sara.lind", "Payroll Administrator", "payroll", "nadia.farouk", None, HQ, part_time(0.6)),
    # People and HR
    ("sofia.alvarez", "Head of People", "hr", "helen.marsh", None, HQ, {}),
    ("mike.turner", "HR Business Partner (Retail)", "hr", "sofia.alvarez", None, HQ, {}),
    ("amara.nwosu", "HR Business Partner (Support Functions)", "hr", "sofia.alvarez", None, HQ, {}),
    ("daniel.kim", "HR Operations Lead", "hr", "sofia.alvarez", "hr-operations", HQ, {}),
    ("laura.bianchi", "Learning and Development Manager", "hr", "sofia.alvarez", None, HQ, {}),
    ("yusuf.demir", "HRIS Analyst", "hr", "sofia.alvarez", None, HQ, {}),
    ("tom.baker", "Recruiter", "hr", "sofia.alvarez", "talent-acquisition", HQ,
     {"available": False, "tags": ("parental-leave",)}),
    ("ines.moreau", "Recruiter", "hr", "sofia.alvarez", "talent-acquisition", HQ, {}),
    ("kwame.boateng", "Retail Recruiter", "hr", "sofia.alvarez", "talent-acquisition", HQ, {}),
    ("maria.lopez", "Onboarding Coordinator", "hr", "daniel.kim", "hr-operations", HQ, {}),
    ("anna.berg", "HR Advisor", "hr", "daniel.kim", "hr-operations", HQ, {}),
    ("leo.martins", "HR Advisor", "hr", "daniel.kim", "hr-operations", HQ, {}),
    ("zara.khan", "HR Administrator", "hr", "daniel.kim", "hr-operations", HQ, {}),
    ("noah.fischer", "HR Administrator", "hr", "daniel.kim", "hr-operations", HQ, part_time(0.8)),
    # IT
    ("raj.mehta", "Head of IT", "it", "helen.marsh", None, HQ, {}),
    ("alan.price", "IT Service Manager", "it", "raj.mehta", "it-service", HQ, {}),
    ("sunita.rao", "Infrastructure Manager", "it", "raj.mehta", "it-infrastructure", HQ, {}),
    ("erik.johansson", "Information Security Lead", "it", "raj.mehta", None, HQ, {}),
    ("lucy.chen", "Business Systems Analyst", "it", "raj.mehta", None, HQ, {}),
    ("pablo.ruiz", "Applications Analyst", "it", "raj.mehta", None, HQ, {}),
    ("ben.okoro", "Deployment Technician", "it", "alan.price", "it-service", HQ, {}),
    ("jack.moran", "Field Technician (Stores North)", "it", "alan.price", "it-service", HQ, {}),
    ("vikram.singh", "Field Technician (Stores South)", "it", "alan.price", "it-service", HQ, {}),
    ("hana.sato", "IT Asset Coordinator", "it", "alan.price", "it-service", HQ, {}),
    ("tomas.silva", "Network Engineer", "it", "sunita.rao", "it-infrastructure", HQ, {}),
    ("kenji.mori", "Cloud Engineer", "it", "sunita.rao", "it-infrastructure", HQ, {}),
    ("ewa.nowak", "Database Administrator", "it", "sunita.rao", "it-infrastructure", HQ, {}),
    ("amy.clarke", "Systems Engineer", "it", "sunita.rao", "it-infrastructure", HQ, {}),
    # Stores management (store managers and staff are generated per store below)
    ("mark.ellis", "Head of Retail Operations", "stores", "victor.nguyen", None, HQ, {}),
    ("fiona.mcleod", "Area Manager (North)", "stores", "mark.ellis", None, HQ, {}),
    ("peter.osei", "Area Manager (South)", "stores", "mark.ellis", None, HQ, {}),
    ("beth.morgan", "Retail Operations Coordinator", "stores", "mark.ellis", None, HQ, {}),
    ("jules.martin", "Visual Merchandising Lead", "stores", "mark.ellis", None, HQ, {}),
    ("carl.becker", "Loss Prevention Lead", "stores", "mark.ellis", None, HQ, {}),
    # Customer Contact Centre (advisers are generated below)
    ("jenny.walsh", "Contact Centre Manager", "contact-centre", "victor.nguyen", None, CC, {}),
    ("rob.king", "Team Leader (Customer Care)", "contact-centre", "jenny.walsh", "cc-customer-care", CC,
     {"front_line": True}),
    ("mia.wong", "Team Leader (Online Orders)", "contact-centre", "jenny.walsh", "cc-online-orders", CC,
     {"front_line": True}),
    ("ali.hassan", "Workforce Planner", "contact-centre", "jenny.walsh", None, CC, {}),
    ("eva.lindqvist", "Quality and Training Coach", "contact-centre", "jenny.walsh", None, CC, {}),
    ("nora.quinn", "Complaints Specialist", "contact-centre", "jenny.walsh", None, CC, {"front_line": True}),
    # Logistics and Distribution
    ("david.brooks", "Head of Logistics", "logistics", "victor.nguyen", None, DC, {}),
    ("steve.carter", "Warehouse Manager", "logistics", "david.brooks", "warehouse", DC, {}),
    ("ola.nilsen", "Transport Manager", "logistics", "david.brooks", "transport", DC, {}),
    ("sam.lee", "Freight and Carrier Coordinator", "logistics", "david.brooks", None, DC, {}),
    ("ritu.sharma", "Inventory and Replenishment Planner", "logistics", "david.brooks", None, DC, {}),
    ("ahmed.karim", "Logistics Analyst", "logistics", "david.brooks", None, DC, {}),
    ("dan.wright", "Warehouse Shift Supervisor (Days)", "logistics", "steve.carter", "warehouse", DC, {}),
    ("kim.larsen", "Warehouse Shift Supervisor (Lates)", "logistics", "steve.carter", "warehouse", DC, {}),
    ("pete.hall", "Goods-In Clerk", "logistics", "steve.carter", "warehouse", DC, {}),
    ("maya.ross", "Stock Controller", "logistics", "steve.carter", "warehouse", DC, {}),
    ("joe.bradley", "Transport Planner", "logistics", "ola.nilsen", "transport", DC, {}),
    ("luis.ortega", "Driver Supervisor", "logistics", "ola.nilsen", "transport", DC, {}),
    ("anita.roy", "Fleet Maintenance Coordinator", "logistics", "ola.nilsen", "transport", DC, {}),
    ("ted.walker", "Route Planner", "logistics", "ola.nilsen", "transport", DC, {}),
    # Procurement
    ("li.wei", "Procurement Manager", "procurement", "victor.nguyen", None, HQ, {}),
    ("felix.wong", "Supplier Onboarding Officer", "procurement", "li.wei", None, HQ, {}),
    ("hugo.lambert", "Contracts Officer", "procurement", "li.wei", None, HQ, {}),
    ("rosa.jimenez", "Buyer (Goods Not For Resale)", "procurement", "li.wei", None, HQ, {}),
    ("tara.singh", "Buyer (Store Fixtures and Uniforms)", "procurement", "li.wei", None, HQ, {}),
    ("noel.hart", "Procurement Analyst", "procurement", "li.wei", None, HQ, {}),
    # Marketing
    ("claire.dubois", "Marketing Director", "marketing", "helen.marsh", None, HQ, {}),
    ("isabel.cruz", "Brand Manager", "marketing", "claire.dubois", None, HQ, {}),
    ("chloe.martin", "Digital Marketing Manager", "marketing", "claire.dubois", None, HQ, {}),
    ("ravi.kapoor", "CRM and Loyalty Manager", "marketing", "claire.dubois", None, HQ, {}),
    ("gemma.lloyd", "Design and Content Lead", "marketing", "claire.dubois", None, HQ, {}),
    ("liam.oconnor", "Marketing Coordinator", "marketing", "claire.dubois", None, HQ, {}),
    # Corporate Sales
    ("james.okafor", "Sales Director", "sales", "helen.marsh", None, HQ, {}),
    ("nora.blake", "Key Account Manager", "sales", "james.okafor", None, HQ, {}),
    ("ian.fraser", "Key Account Manager", "sales", "james.okafor", None, HQ, {}),
    ("dina.haas", "Sales Operations Analyst", "sales", "james.okafor", None, HQ, {}),
    ("ellie.shaw", "Bid Manager", "sales", "james.okafor", None, HQ, {}),
    ("arjun.menon", "Wholesale Coordinator", "sales", "james.okafor", None, HQ, {}),
    # Facilities and Mailroom
    ("karen.hughes", "Facilities Manager", "facilities", "victor.nguyen", None, HQ, {}),
    ("bill.evans", "Facilities Coordinator", "facilities", "karen.hughes", None, HQ, {}),
    ("gus.ward", "Maintenance Technician", "facilities", "karen.hughes", None, HQ, {}),
    ("pat.oneill", "Health and Safety Officer", "facilities", "karen.hughes", None, HQ, {}),
    ("ruby.chen", "Office Services Assistant", "facilities", "karen.hughes", None, HQ, {}),
    ("zoe.adler", "Cleaning and Contracts Supervisor", "facilities", "karen.hughes", None, HQ, {}),
    # Product Research Lab (acquired in 2022; researchers are generated below)
    ("elena.petrova", "Research Director", "research", "helen.marsh", None, LAB, {}),
    ("hiro.tanaka", "Lab Lead (Materials)", "research", "elena.petrova", "materials-lab", LAB, {}),
    ("bea.santos", "Lab Lead (Product Design)", "research", "elena.petrova", "design-lab", LAB, {}),
    ("max.weber", "Research Data Scientist", "research", "elena.petrova", None, LAB, {}),
    ("ivy.nash", "Research Coordinator", "research", "elena.petrova", None, LAB, {}),
    ("otto.klein", "Lab Manager", "research", "elena.petrova", None, LAB, {}),
]

# Team units (a team stands for people not listed one by one; fte is their capacity).
# id, name, department, manager, fte, front_line, location, channel
TEAMS: list[tuple[str, str, str, str, float, bool, str, Channel | None]] = [
    ("it-service-desk", "IT Service Desk", "it", "alan.price", 2.0, False, HQ,
     Channel(type="ticket", address=f"https://help.{DOMAIN}")),
    ("it-infrastructure", "Infrastructure and Second-Line Support", "it", "sunita.rao", 6.0, False, HQ,
     Channel(type="ticket", address=f"https://help.{DOMAIN}/infrastructure")),
    ("cc-customer-care", "Customer Care Team", "contact-centre", "rob.king", 1.5, True, CC,
     Channel(type="phone", address="0113 496 0100")),
    ("cc-online-orders", "Online Orders Team", "contact-centre", "mia.wong", 1.0, True, CC,
     Channel(type="phone", address="0113 496 0200")),
    ("warehouse-dispatch", "Warehouse Picking and Dispatch", "logistics", "steve.carter", 8.0, False, DC,
     Channel(type="phone", address="0113 496 0300")),
    ("fleet-drivers", "Delivery Drivers (Own Fleet)", "logistics", "ola.nilsen", 6.0, False, DC,
     Channel(type="phone", address="0113 496 0310")),
    ("marketing-campaigns", "Campaigns Team", "marketing", "claire.dubois", 3.0, False, HQ,
     Channel(type="email", address=f"campaigns@{DOMAIN}")),
    ("sales-accounts", "Corporate Account Executives", "sales", "james.okafor", 4.0, False, HQ,
     Channel(type="email", address=f"corporate.sales@{DOMAIN}")),
    ("mailroom", "Mailroom", "facilities", "karen.hughes", 2.0, False, HQ,
     Channel(type="email", address=f"mailroom@{DOMAIN}")),
    ("research-insights", "Consumer Insights Team", "research", "elena.petrova", 2.0, False, LAB,
     Channel(type="email", address=f"insights@lab.{DOMAIN}")),
]

AREAS = {"north": "fiona.mcleod", "south": "peter.osei"}
# Stores: id, town, area manager, casual pool fte (staff on the casual list, not listed one by one).
STORES = [
    ("store-03", "Harrogate", "fiona.mcleod", 2.0),
    ("store-05", "York", "fiona.mcleod", 2.5),
    ("store-07", "Durham", "fiona.mcleod", 1.5),
    ("store-09", "Whitby", "fiona.mcleod", 1.5),
    ("store-12", "Port Ellen (Islay)", "fiona.mcleod", 1.0),
    ("store-14", "Chester", "peter.osei", 2.0),
    ("store-16", "Lincoln", "peter.osei", 2.0),
    ("store-18", "Stamford", "peter.osei", 1.5),
    ("store-21", "Ludlow", "peter.osei", 1.5),
    ("store-25", "Hereford", "peter.osei", 2.0),
]
STORE_ROLES = [
    ("Assistant Store Manager", 1.0),
    ("Senior Sales Assistant", 1.0),
    ("Sales Assistant", 0.8),
    ("Sales Assistant", 0.6),
    ("Sales Assistant", 0.5),
    ("Stockroom Assistant", 0.8),
]
FIXED_STORE_PEOPLE = {("store-12", "manager"): "ewan.macleod", ("store-12", 2): "ana.costa"}
CC_TEAMS = [("cc-customer-care", "rob.king", "Customer Care Adviser"),
            ("cc-online-orders", "mia.wong", "Online Orders Adviser")]
LAB_TEAMS = [("hiro.tanaka", "materials-lab", ["Materials Scientist"] * 3 + ["Lab Technician"] * 2),
             ("bea.santos", "design-lab", ["Product Designer"] * 3 + ["Prototype Technician"] * 2)]

FIRST = """Aaron Abbie Adam Adele Aiden Alfie Alice Amelia Amir Anika Archie Ayesha Bethany Bilal Caitlin
Callum Carys Cerys Charlie Connor Daisy Darius Declan Eilidh Eleanor Elliot Erin Ethan Evie Farah
Finn Freya Gareth Georgia Harvey Hollie Imran Isla Jacob Jade Jamal Jasmine Kai Katie Kieran Lara
Layla Leah Logan Lucas Lydia Mason Megan Mohammed Molly Nathan Niamh Olly Petra Poppy Rhys Rory
Rosie Saanvi Scott Shannon Sian Stefan Tegan Theo Toby Una Wiktoria Yasmin Zain""".split()
LAST = """Ahmed Armstrong Bailey Barnes Begum Bennett Booth Bryant Campbell Chapman Cooper Dawson Doyle
Edwards Ferguson Fletcher Foster Gill Graham Hamilton Hart Hussain Jackson Jones Kaur Kennedy Lawson
Lewis Mackay Malik Marshall Mason McDonald Mitchell Morris Murray Owen Palmer Parry Pearson Porter
Rahman Reynolds Richards Robertson Russell Saunders Shaw Simpson Stewart Sutton Thomson Wallace Watts
Webb Whitehead Wilkinson Young""".split()

NAMES = {"liam.oconnor": "Liam O'Connor", "pat.oneill": "Pat O'Neill", "fiona.mcleod": "Fiona McLeod",
         "ewan.macleod": "Ewan MacLeod"}
"""Display names that capitalising the id would get wrong."""

CHAIN = ("store-12", "sam.lee", "omar.haddad", "nina.patel", "felix.wong", "ruth.kimani", "helen.marsh")
"""The planted long, slow chain into the front line, front-line unit first (see data/README.md)."""


def email(uid: str) -> Channel:
    return Channel(type="email", address=f"{uid}@{DOMAIN}")


def build_units(rng: random.Random) -> list[Unit]:
    """Every person and team, in a stable order: departments as listed, managers before reports."""
    taken = {p[0] for p in PEOPLE} | set(FIXED_STORE_PEOPLE.values())
    taken_names = {(uid.split(".")[0], uid.split(".")[1]) for uid in taken}

    def new_person() -> tuple[str, str]:
        while True:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if (first.lower(), last.lower()) not in taken_names:
                taken_names.add((first.lower(), last.lower()))
                return f"{first.lower()}.{last.lower()}", f"{first} {last}"

    def name_of(uid: str) -> str:
        return NAMES.get(uid) or " ".join(part.capitalize() for part in uid.split("."))

    units: list[Unit] = []
    for uid, title, dept, mgr, team, loc, extra in PEOPLE:
        units.append(Unit(id=uid, name=name_of(uid), title=title, department=dept, manager=mgr, team=team,
                          location=loc, channel=email(uid), **extra))
    for tid, name, dept, mgr, fte, front, loc, channel in TEAMS:
        units.append(Unit(id=tid, name=name, kind="team", department=dept, manager=mgr, fte=fte,
                          front_line=front, location=loc, channel=channel))
    for sid, town, area, casual in STORES:
        number = sid.split("-")[1]
        loc = f"Store {number}, {town}"
        mgr_id = FIXED_STORE_PEOPLE.get((sid, "manager"))
        if mgr_id:
            mgr_name = name_of(mgr_id)
        else:
            mgr_id, mgr_name = new_person()
        tags = ("island-store",) if sid == "store-12" else ()
        units.append(Unit(id=sid, name=f"Store {number} {town}", kind="team", department="stores",
                          manager=mgr_id, fte=casual, front_line=True, location=loc, tags=tags,
                          channel=Channel(type="phone", address=f"0113 496 0{number}0")))
        units.append(Unit(id=mgr_id, name=mgr_name, title="Store Manager", department="stores", team=sid,
                          manager=area, front_line=True, location=loc, channel=email(mgr_id),
                          tags=("key-holder",)))
        for k, (title, fte) in enumerate(STORE_ROLES):
            uid = FIXED_STORE_PEOPLE.get((sid, k))
            name = name_of(uid) if uid else None
            if uid is None:
                uid, name = new_person()
            assert name is not None
            tags = ("part-time",) if fte < 1 else ()
            if k == 0:
                tags = ("key-holder",)
            units.append(Unit(id=uid, name=name, title=title, department="stores", team=sid, manager=mgr_id,
                              front_line=True, fte=fte, location=loc, tags=tags))
    for team, leader, title in CC_TEAMS:
        for k in range(6):
            uid, name = new_person()
            fte = 0.6 if k >= 4 else 1.0
            units.append(Unit(id=uid, name=name, title=title, department="contact-centre", team=team,
                              manager=leader, front_line=True, fte=fte, location=CC,
                              tags=("part-time",) if fte < 1 else ()))
    for lead, team, titles in LAB_TEAMS:
        for title in titles:
            uid, name = new_person()
            units.append(Unit(id=uid, name=name, title=title, department="research", team=team, manager=lead,
                              location=LAB, channel=email(uid), tags=("acquired-2022",)))
    return units


class Groups:
    """Named sets of unit ids that the dependency tables refer to."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        by_mgr: dict[str, list[str]] = {}
        for u in units:
            if u.manager:
                by_mgr.setdefault(u.manager, []).append(u.id)
        self.reports = by_mgr
        ids = {u.id: u for u in units}
        self.ids = ids
        self.stores = [s[0] for s in STORES]
        self.store_managers = [ids[s].manager for s in self.stores]
        self.store_staff = [u.id for u in units if u.department == "stores" and u.team in self.stores
                            and u.id not in self.store_managers]
        self.cc_teams = [t[0] for t in CC_TEAMS]
        leaders = {t[1] for t in CC_TEAMS}
        self.cc_advisers = [u.id for u in units if u.team in self.cc_teams and u.manager in leaders]
        people_managers = [u.id for u in units if u.kind == "person" and u.id in by_mgr]
        self.research = [u.id for u in units if u.department == "research"]
        # Every people manager outside the lab (which keeps its own payroll bureau, see README).
        self.managers = [m for m in people_managers if ids[m].department != "research"]
        self.heads = [d[2] for d in DEPARTMENTS if d[0] != "research"]
        # Desk-based people: head office, distribution centre and the contact centre's staff other than
        # the advisers; not the stores' staff nor the lab. In unit order.
        self.office = [
            u.id for u in units
            if u.kind == "person" and u.id not in self.cc_advisers
            and (u.department not in ("stores", "research") or (u.department == "stores" and not u.team))
        ]
        self.office_teams = [t[0] for t in TEAMS if t[2] != "research" and t[0] not in self.cc_teams]
        self.hiring_managers = self.store_managers + ["rob.king", "mia.wong", "steve.carter", "ola.nilsen",
                                                       "alan.price", "daniel.kim", "hannah.schmidt",
                                                       "jenny.walsh", "james.okafor", "claire.dubois"]
        self.lab_staff = {lead: list(by_mgr[lead]) for lead, _, _ in LAB_TEAMS}

    def dept(self, *depts: str, kind: str | None = None) -> list[str]:
        return [u.id for u in self.units if u.department in depts and (kind is None or u.kind == kind)]


def capabilities(g: Groups) -> list[Capability]:
    """What units deliver to each other: name, description, search keywords, providers, channel, lead time."""

    def cap(cid: str, name: str, providers: Iterable[str], lead: float | None, keywords: str,
            description: str, channel: Channel | None = None) -> Capability:
        return Capability(id=cid, name=name, description=description, providers=tuple(providers),
                          keywords=tuple(k.strip() for k in keywords.split(",")), lead_time_hours=lead,
                          channel=channel)

    ticket = Channel(type="ticket", address=f"https://help.{DOMAIN}")
    a, b = g.lab_staff["hiro.tanaka"], g.lab_staff["bea.santos"]
    return [
        # Payroll
        cap("payroll-run", "Payroll run", ["dana.reyes"], 72,
            "paycheck, pay, salary, wages, pay run, pay day, net pay, overtime pay, BACS",
            "Calculates and pays wages (weekly-paid hourly staff) and salaries (monthly) and submits the "
            "BACS "
            "file. Dana Reyes is the only person trained on the pay calculation in the payroll system.",
            Channel(type="email", address=f"payroll@{DOMAIN}")),
        cap("payroll-queries", "Payslip and pay queries", ["lee.park", "priya.shah"], 24,
            "payslip, pay query, tax code, deductions, underpaid, missing pay, P60, pension deduction",
            "Answers questions about payslips, tax codes and deductions and corrects errors in the next run.",
            Channel(type="chat", address="#ask-payroll")),
        cap("expense-claims", "Expense claims reimbursed", ["priya.shah", "lee.park"], 72,
            "expenses, mileage, receipts, reimbursement, travel claim",
            "Checks approved expense claims and reimburses them through payroll.",
            Channel(type="email", address=f"expenses@{DOMAIN}")),
        cap("timecards", "Weekly timecards approved",
            ["nadia.farouk", *sorted(set(g.managers) - {"nadia.farouk"})], 24,
            "timesheet, timecard, hours worked, overtime approval, shifts, clock-in, absence",
            "Each people manager approves their team's hours, overtime and absences in the time and "
            "attendance "
            "system by Monday 10:00 so that the pay run can use them; Kofi Asante chases the missing ones.",
            Channel(type="chat", address="#timecards")),
        cap("pay-run-approval", "Pay run approved for payment", ["nadia.farouk", "martin.cole"], 8,
            "payroll approval, BACS approval, four-eyes check, pay run sign-off",
            "Second-person check and release of the pay run before the bank file is sent."),
        cap("time-and-attendance", "Time and attendance system support", ["kofi.asante", "sara.lind"], 24,
            "clocking, time clock, rota system, missed punch, shift pattern",
            "Sets up shift patterns and fixes missed clock-ins in the time and attendance system.",
            Channel(type="email", address=f"timeandattendance@{DOMAIN}")),
        # Finance and Accounts
        cap("freight-account-payment", "Freight account paid", ["omar.haddad", "grace.lin"], 168,
            "freight, freight invoices, carrier invoice, haulage, freight account, account on stop",
            "Pays the contract carriers' freight accounts on the weekly payment run; an unpaid account is "
            "put on "
            "stop and the carrier stops collecting.",
            Channel(type="email", address=f"accounts.payable@{DOMAIN}")),
        cap("carrier-creditor-setup", "New carrier set up as creditor", ["nina.patel", "hannah.schmidt"], 120,
            "new supplier account, creditor, vendor set-up, bank details, haulier, carrier onboarding",
            "Creates a new carrier or haulier as a creditor with verified bank details so that it can be "
            "paid; "
            "needs the supplier vetting from Procurement first.",
            Channel(type="email", address=f"supplier.data@{DOMAIN}")),
        cap("supplier-payments", "Supplier invoices paid", ["grace.lin", "ryan.cho"], 72,
            "invoice, supplier payment, purchase invoice, remittance, overdue invoice, payment run",
            "Matches supplier invoices to purchase orders and pays them on the weekly payment run.",
            Channel(type="email", address=f"accounts.payable@{DOMAIN}")),
        cap("new-starter-payroll-setup", "New starter set up on payroll", ["joy.mensah", "ben.harris"], 48,
            "new starter, employee number, bank details, tax code, starter checklist",
            "Creates the employee record, tax code and bank details and issues the employee number that IT "
            "needs to create accounts and issue equipment."),
        cap("management-accounts", "Monthly management accounts", ["chen.yu", "tariq.aziz"], 72,
            "budget, P&L, cost centre report, variance, spend report, forecast",
            "Monthly cost-centre reports and budget variance for each department head."),
        cap("customer-refunds", "Customer refunds and chargebacks", ["olivia.grant", "fatima.diallo"], 48,
            "refund, chargeback, card dispute, goodwill payment",
            "Pays customer refunds and handles card chargebacks raised by the contact centre."),
        cap("cash-banking", "Store cash banking reconciled", ["ivan.petrov", "ben.harris"], 24,
            "takings, cash-up, float, banking discrepancy, safe, cash collection",
            "Reconciles store takings with the bank and sorts out floats and discrepancies."),
        cap("corporate-invoicing", "Corporate customer invoicing", ["olivia.grant", "fatima.diallo"], 24,
            "billing, invoice customer, credit terms, statement, credit limit",
            "Invoices corporate and wholesale customers and manages their credit limits."),
        cap("spend-approval", "Spend approval above delegated limits", ["martin.cole", "george.adams"], 48,
            "approval, sign-off, capex, delegated authority, spend limit",
            "Approves purchases above a manager's delegated limit."),
        # People and HR (the hiring chain: recruiter -> interviewing manager -> onboarding -> accounts -> IT)
        cap("recruitment", "Recruitment: adverts and candidate shortlists",
            ["tom.baker", "ines.moreau", "kwame.boateng"], 120,
            "hiring, vacancy, job advert, recruit, candidates, shortlist, agency",
            "Advertises vacancies, screens applicants and sends the hiring manager a shortlist.",
            Channel(type="email", address=f"recruitment@{DOMAIN}")),
        cap("interview-decisions", "Interviews held and hiring decision made", g.hiring_managers, 72,
            "interview, offer, hiring decision, candidate feedback, start date",
            "The interviewing manager interviews the shortlist and confirms the offer (pay, hours, start "
            "date)."),
        cap("onboarding", "New starter onboarding", ["maria.lopez", "anna.berg"], 72,
            "contract, right to work, starter pack, induction, offer letter, new starter, onboarding",
            "Issues the contract, checks right to work and sends the starter's details to accounts for "
            "payroll.",
            Channel(type="email", address=f"onboarding@{DOMAIN}")),
        cap("starters-and-leavers", "Starters, leavers and contract changes sent to payroll",
            ["zara.khan", "noah.fischer"], 24,
            "leaver, resignation, change of hours, contract change, promotion, pay rise, maternity",
            "Sends payroll every starter, leaver and change of hours or pay before the cut-off."),
        cap("employee-relations", "Employee relations advice", ["mike.turner", "amara.nwosu", "leo.martins"],
            24,
            "grievance, disciplinary, sickness absence, performance issue, HR advice, investigation",
            "Advice and support for managers on discipline, grievances, absence and performance.",
            Channel(type="email", address=f"hr.advice@{DOMAIN}")),
        cap("training", "Training courses and compliance e-learning", ["laura.bianchi", "amara.nwosu"], 72,
            "training, course, e-learning, compliance, induction training, manager development",
            "Runs manager development, induction and compulsory compliance training."),
        cap("hris-support", "HR system support", ["yusuf.demir", "daniel.kim"], 24,
            "HR system, HRIS, org chart, employee record, reports",
            "Keeps the HR system and its reports working; fixes employee records."),
        # IT
        cap("it-support", "IT support tickets", ["it-service-desk", "it-infrastructure"], 8,
            "computer, password reset, login, printer, broken, till, wifi, email not working, help desk, "
            "ticket",
            "First-line IT support for everyone: passwords, tills, printers, email and broken equipment. "
            "Second-line support steps in when the desk cannot resolve a ticket.", ticket),
        cap("laptop-setup", "Laptop and equipment set up", ["it-service-desk", "ben.okoro"], 48,
            "laptop, computer, equipment, new starter kit, phone, monitor, headset, replacement",
            "Builds and issues laptops, phones and headsets for new starters and replacements.", ticket),
        cap("system-access", "System access and accounts", ["it-service-desk", "erik.johansson"], 24,
            "access, permissions, account, login, new user, leaver, shared drive",
            "Creates and removes user accounts and grants access to systems and shared drives.", ticket),
        cap("store-systems-support", "Till and store systems field support", ["jack.moran", "vikram.singh"],
            24,
            "till, EPOS, handheld scanner, card terminal, store network, site visit",
            "Site visits to fix tills, card terminals, scanners and store networks."),
        cap("hosting-and-network", "Servers, network and cloud hosting", ["it-infrastructure", "kenji.mori"],
            8,
            "server, network, cloud, outage, VPN, backup",
            "Runs the servers, network, VPN and cloud services that every system sits on."),
        cap("business-systems", "Business systems changes", ["lucy.chen", "pablo.ruiz"], 72,
            "ERP, system change, report request, integration, payroll system, stock system",
            "Changes and reports in the ERP, payroll and stock systems."),
        # Logistics
        cap("store-deliveries", "Store deliveries by own fleet", ["fleet-drivers"], 24,
            "delivery, store delivery, lorry, van, stock delivery, missed delivery",
            "Daily deliveries from the distribution centre to the mainland stores by the company's own "
            "fleet.",
            Channel(type="phone", address="0113 496 0310")),
        cap("store-replenishment", "Store replenishment by contract carrier", ["sam.lee", "ritu.sharma"], 96,
            "replenishment, island store, carrier, ferry, stock delivery, freight booking",
            "Plans and books the contract carrier that replenishes the island store (Store 12, Port Ellen), "
            "which the own fleet does not reach. The carrier only collects while its freight account is "
            "paid."),
        cap("order-picking", "Orders picked and dispatched", ["warehouse-dispatch"], 24,
            "picking, dispatch, home delivery, despatch, online order, packing",
            "Picks and dispatches store orders, online orders and corporate orders from the distribution "
            "centre."),
        cap("stock-allocation", "Stock allocation to stores", ["ritu.sharma", "maya.ross"], 24,
            "allocation, stock levels, out of stock, replenishment order, stock",
            "Decides what stock each store receives and raises the replenishment orders."),
        cap("goods-in", "Supplier deliveries received", ["pete.hall", "kim.larsen"], 8,
            "goods in, goods received, supplier delivery, GRN, booking in",
            "Receives and books in supplier deliveries at the distribution centre."),
        cap("route-planning", "Delivery routes planned", ["ted.walker", "joe.bradley"], 24,
            "routes, delivery schedule, drops, route plan",
            "Plans the fleet's daily routes and delivery slots."),
        cap("fleet-maintenance", "Fleet maintained and roadworthy", ["anita.roy"], 48,
            "vehicle, lorry repair, MOT, tachograph, breakdown",
            "Keeps the vans and lorries serviced, legal and on the road."),
        # Procurement
        cap("supplier-vetting", "New supplier due diligence", ["felix.wong", "hugo.lambert"], 240,
            "supplier onboarding, due diligence, insurance certificate, sanctions check, vendor approval, "
            "new carrier",
            "Checks a new supplier or carrier: insurance, credit, sanctions, bank verification and a signed "
            "contract, before Accounts may set it up as a creditor.",
            Channel(type="email", address=f"procurement@{DOMAIN}")),
        cap("purchasing", "Purchase orders for goods not for resale", ["rosa.jimenez", "tara.singh"], 48,
            "purchase order, PO, buy, order supplies, uniforms, stationery, fixtures, consumables",
            "Raises purchase orders for consumables, uniforms, store fixtures and equipment.",
            Channel(type="email", address=f"procurement@{DOMAIN}")),
        # Executive
        cap("contract-signoff", "Contract legal review and sign-off", ["ruth.kimani"], 168,
            "legal, contract, signature, NDA, terms and conditions, legal review",
            "Reviews and signs contracts with suppliers, carriers and corporate customers."),
        cap("executive-approval", "Executive approval of major contracts", ["helen.marsh", "victor.nguyen"],
            120,
            "board approval, executive sign-off, major contract, strategic decision",
            "Executive approval for contracts above 250,000 pounds or three years."),
        cap("board-papers", "Board papers and executive briefings", ["aisha.bello", "paul.dunn"], 48,
            "board pack, briefing, executive summary, board meeting",
            "Prepares the monthly board pack and briefings for the executive."),
        # Facilities
        cap("mail-sorting", "Post sorted and delivered", ["mailroom", "ruby.chen"], 24,
            "mail, post, letters, parcels, courier, recorded delivery, franking",
            "Sorts incoming post for every team and store, and franks and sends outgoing mail.",
            Channel(type="email", address=f"mailroom@{DOMAIN}")),
        cap("building-maintenance", "Building and store repairs", ["gus.ward", "bill.evans"], 48,
            "repair, leak, heating, air conditioning, lights, broken door, maintenance",
            "Repairs to the head office, distribution centre and stores.",
            Channel(type="ticket", address=f"https://help.{DOMAIN}/facilities")),
        cap("health-and-safety", "Health and safety inspections and advice", ["pat.oneill", "karen.hughes"],
            72,
            "health and safety, risk assessment, accident, incident report, fire safety, first aid",
            "Risk assessments, inspections and incident advice for every site."),
        cap("cleaning", "Cleaning contracts managed", ["zoe.adler", "bill.evans"], 48,
            "cleaning, cleaners, waste, hygiene",
            "Manages the contract cleaners and waste collection at every site."),
        # Marketing and Sales (the circular dependency: campaigns <-> leads)
        cap("campaigns", "Marketing campaigns and promotions", ["marketing-campaigns", "isabel.cruz"], 72,
            "campaign, promotion, offer, point of sale, POS, leaflet, marketing",
            "Plans and runs the promotions and campaigns, with point-of-sale material for the stores and "
            "target lists for corporate sales."),
        cap("sales-leads", "Qualified leads and pipeline feedback", ["sales-accounts", "dina.haas"], 24,
            "leads, pipeline, sales feedback, target accounts, prospects, conversion",
            "Corporate sales qualify the leads that campaigns generate and report back which converted, "
            "which "
            "steers the next campaign."),
        cap("design-artwork", "Artwork and design", ["gemma.lloyd", "liam.oconnor"], 48,
            "artwork, design, brand, leaflet design, banner, graphics",
            "Artwork in the brand style for campaigns, emails and point-of-sale material."),
        cap("job-adverts", "Job adverts designed and posted", ["gemma.lloyd", "chloe.martin"], 48,
            "job advert, careers page, recruitment ad, job board",
            "Designs job adverts in the brand style and posts them on the careers page and job boards."),
        cap("customer-comms", "Customer emails and loyalty offers", ["ravi.kapoor", "chloe.martin"], 48,
            "customer email, loyalty, newsletter, voucher, CRM",
            "Customer emails, loyalty scheme offers and service messages."),
        cap("sales-forecast", "Corporate sales forecast", ["dina.haas", "james.okafor"], 72,
            "sales forecast, pipeline report, corporate orders forecast",
            "Monthly forecast of corporate and wholesale orders."),
        cap("corporate-orders", "Corporate and wholesale orders placed", ["arjun.menon", "nora.blake"], 24,
            "corporate order, wholesale order, bulk order, B2B order",
            "Enters confirmed corporate and wholesale orders for picking."),
        cap("bid-support", "Tender and bid writing", ["ellie.shaw", "ian.fraser"], 72,
            "tender, bid, proposal, RFP", "Writes tenders and proposals for corporate customers."),
        # Stores and contact centre
        cap("retail-ops-standards", "Store operating standards and weekly briefing",
            ["beth.morgan", "mark.ellis"], 24,
            "store procedures, weekly briefing, operating standards, store standards",
            "The weekly retail briefing and the store operating procedures."),
        cap("visual-merchandising", "Visual merchandising plans", ["jules.martin", "marketing-campaigns"], 72,
            "window display, planogram, merchandising, layout",
            "Planograms and window schemes for each promotion."),
        *[cap(f"area-support-{area}", f"Area manager support ({area})", [mgr, "mark.ellis"], 24,
              "area manager, escalation, performance review, store visit",
              f"The {area} area manager's store visits, reviews and escalations; the Head of Retail covers.")
          for area, mgr in AREAS.items()],
        cap("loss-prevention", "Loss prevention and security", ["carl.becker", "beth.morgan"], 24,
            "shrinkage, theft, security, CCTV, stock loss",
            "Investigates stock loss and theft and runs store security."),
        cap("click-and-collect", "Click-and-collect orders handled", ["cc-online-orders", "mia.wong"], 24,
            "click and collect, online order, collection, order query",
            "Handles online orders for collection in store and the customer queries about them.",
            Channel(type="phone", address="0113 496 0200")),
        cap("customer-complaints", "Customer complaints handled", ["cc-customer-care", "nora.quinn"], 48,
            "complaint, customer complaint, escalation, feedback, review",
            "Logs and resolves customer complaints and tells the store what happened.",
            Channel(type="phone", address="0113 496 0100")),
        cap("contact-centre-rota", "Contact centre forecast and rota", ["ali.hassan", "jenny.walsh"], 72,
            "call forecast, rota, staffing, schedule, workforce planning",
            "Forecasts call volumes and builds the advisers' rota."),
        cap("call-quality-coaching", "Call quality reviews and coaching", ["eva.lindqvist", "nora.quinn"], 48,
            "call quality, coaching, call review, scorecard",
            "Listens to calls, scores them and coaches advisers."),
        # Product Research Lab: works almost only with itself
        cap("lab-testing", "Product durability and safety tests", ["otto.klein", "hiro.tanaka"], 72,
            "lab test, durability, safety test, product testing",
            "Durability and safety testing of new products and materials."),
        cap("materials-samples", "Materials samples prepared", [a[0], a[1]], 48,
            "samples, materials, specimen", "Prepares materials samples for tests and prototypes."),
        cap("prototype-builds", "Prototypes built", [b[3], b[4]], 72,
            "prototype, mock-up, model, 3D print", "Builds prototypes of new product designs."),
        cap("research-data-analysis", "Research data analysis", ["max.weber", "research-insights"], 48,
            "data analysis, statistics, survey data, test results", "Analyses test results and survey data."),
        cap("lab-systems", "Lab IT and equipment support", ["otto.klein", "max.weber"], 24,
            "lab equipment, lab computer, instrument, calibration",
            "The lab's own IT and equipment support (it never moved to group IT)."),
        cap("lab-admin", "Lab administration and payroll bureau liaison", ["ivy.nash", "otto.klein"], 48,
            "lab admin, bureau payroll, lab purchasing, lab expenses",
            "The lab's purchasing, expenses and its external payroll bureau (kept since the 2022 "
            "acquisition)."),
        cap("consumer-insights", "Consumer insights report", ["research-insights"], 72,
            "consumer insights, customer research, trends, survey",
            "A quarterly report on customer trends for the Marketing Director."),
    ]


def dependencies(g: Groups) -> list[tuple[str, list[Dependency]]]:
    """Who needs what, in themed sections (the YAML shows each section's title as a comment)."""
    sections: list[tuple[str, list[Dependency]]] = []

    def section(title: str) -> None:
        sections.append((title, []))

    def need(consumers: str | Iterable[str], target: str, cadence: str, criticality: str, note: str = "",
             *, direct: bool = False, lead: float | None = None) -> None:
        for consumer in [consumers] if isinstance(consumers, str) else consumers:
            kw = {"provider": target} if direct else {"capability": target}
            sections[-1][1].append(Dependency(consumer=consumer, cadence=cadence, criticality=criticality,
                                              note=note, lead_time_hours=lead, **kw))

    a, b = g.lab_staff["hiro.tanaka"], g.lab_staff["bea.santos"]
    lab_people = [u for u in g.research if g.ids[u].kind == "person"]

    section("Payroll: every people manager (outside the lab), every store and the contact centre need "
            "the pay run, which only Dana Reyes can do; payroll needs every manager's weekly timecards.")
    need(g.managers + g.stores + g.cc_teams, "payroll-run", "biweekly", "critical",
         "Late or wrong pay is the first thing staff escalate.")
    need("dana.reyes", "timecards", "weekly", "critical", "No approved hours, no pay.")
    need("dana.reyes", "pay-run-approval", "biweekly", "critical")
    need("dana.reyes", "starters-and-leavers", "weekly", "critical")
    need("dana.reyes", "time-and-attendance", "weekly", "high")
    need(["lee.park", "priya.shah"], "starters-and-leavers", "weekly", "high")
    need(["dana.reyes", "lee.park", "priya.shah", "kofi.asante", "sara.lind"], "business-systems", "monthly",
         "medium", "Payroll system changes.")
    need(g.store_staff + g.cc_advisers, "payroll-queries", "adhoc", "low")
    need(g.managers, "expense-claims", "monthly", "low")

    section("Hiring: recruiter -> interviewing manager -> HR onboarding -> accounts (payroll set-up) "
            "-> IT kit.")
    need(g.hiring_managers, "recruitment", "adhoc", "high", "Shortlists for vacancies.")
    need(["tom.baker", "ines.moreau", "kwame.boateng"], "job-adverts", "adhoc", "medium")
    need("maria.lopez", "interview-decisions", "adhoc", "high", "Offer details from the hiring manager.")
    need(["joy.mensah", "ben.harris"], "onboarding", "adhoc", "high", "Contract and bank details.")
    need("ben.okoro", "new-starter-payroll-setup", "adhoc", "high",
         "No employee number, no accounts and no kit for the starter.")
    need([m for m in g.hiring_managers if m not in g.store_managers], "laptop-setup", "adhoc", "high",
         "Kit for new starters.")

    section("HR support for managers and staff.")
    need(g.managers, "employee-relations", "adhoc", "medium")
    need(g.store_managers + ["rob.king", "mia.wong", "eva.lindqvist"], "training", "quarterly", "medium")
    need(["zara.khan", "noah.fischer", "maria.lopez", "anna.berg"], "hris-support", "weekly", "medium")

    section("IT: the service desk (two people) is the first stop for almost everyone.")
    need(g.stores + g.cc_teams, "it-support", "daily", "high", "Tills, card terminals and telephony.")
    need(g.cc_advisers, "it-support", "daily", "medium", "Softphone and CRM log-ins.")
    it_users = [t for t in g.office_teams if t not in ("it-service-desk", "it-infrastructure", "mailroom")]
    need(g.office + g.store_managers + it_users, "it-support", "weekly", "medium")
    need(g.store_staff, "it-support", "weekly", "low", "Till log-ins and password resets.")
    need([u for u in g.office if u != "erik.johansson"], "system-access", "adhoc", "medium")
    need([u for u in g.office if u not in g.hiring_managers and u != "ben.okoro"], "laptop-setup", "adhoc",
         "low", "Replacements and upgrades.")
    need(g.stores, "store-systems-support", "monthly", "high")
    need(["it-service-desk", "ben.okoro", "jack.moran", "vikram.singh", "erik.johansson"],
         "hosting-and-network", "daily", "high")
    need(["lucy.chen", "pablo.ruiz", "ewa.nowak"], "hosting-and-network", "weekly", "medium")
    need(["ben.okoro", "hana.sato"], "purchasing", "monthly", "medium", "Laptops and phones.")

    section("Finance. All of Logistics' dealings with Accounts go through Sam Lee (the bridge).")
    need(["rosa.jimenez", "tara.singh", "li.wei", "karen.hughes", "claire.dubois"], "supplier-payments",
         "monthly", "high")
    need([h for h in g.heads if h not in ("david.brooks", "martin.cole")], "management-accounts", "monthly",
         "medium")
    need(["li.wei", "raj.mehta", "claire.dubois", "karen.hughes"], "spend-approval", "adhoc", "medium")
    need(g.cc_teams, "customer-refunds", "daily", "high")
    need(g.store_managers, "cash-banking", "weekly", "medium")
    need("sales-accounts", "corporate-invoicing", "weekly", "high")
    need(["tariq.aziz", "chen.yu"], "sales-forecast", "monthly", "medium")
    need(["helen.marsh", "martin.cole", "victor.nguyen"], "board-papers", "monthly", "high")

    section("The long, slow chain into the front line: Store 12 (an island) is replenished by a contract "
            "carrier that Sam Lee books, which collects only while Accounts pays its freight account, which "
            "needs the carrier set up as a creditor, which needs Procurement's due diligence, which needs a "
            "signed contract, which needs executive approval.")
    need("store-12", "store-replenishment", "weekly", "critical", "Two ferry sailings a week.")
    need("sam.lee", "freight-account-payment", "weekly", "critical", "The carrier stops when unpaid.")
    need("sam.lee", "carrier-creditor-setup", "adhoc", "high", "New carriers must be creditors before use.")
    need("omar.haddad", "carrier-creditor-setup", "adhoc", "critical", "Cannot pay a carrier not set up.")
    need("nina.patel", "supplier-vetting", "adhoc", "critical", "No creditor without due diligence.")
    need("felix.wong", "contract-signoff", "adhoc", "critical", "A signed contract is part of the vetting.")
    need("ruth.kimani", "executive-approval", "adhoc", "high", "Carrier contracts run three years.")

    section("Logistics: the mainland stores are served by the own fleet.")
    need([s for s in g.stores if s != "store-12"], "store-deliveries", "daily", "critical")
    need(g.stores, "stock-allocation", "weekly", "high")
    need(["fleet-drivers", "cc-online-orders"], "order-picking", "daily", "critical")
    need("fleet-drivers", "route-planning", "daily", "high")
    need("fleet-drivers", "fleet-maintenance", "weekly", "high")
    need("warehouse-dispatch", "stock-allocation", "daily", "high")
    need("warehouse-dispatch", "corporate-orders", "weekly", "high")
    need(["maya.ross", "ritu.sharma"], "goods-in", "daily", "high")
    need("ritu.sharma", "sales-forecast", "monthly", "medium")
    need("sam.lee", "stock-allocation", "weekly", "medium")
    need("ahmed.karim", "sam.lee", "monthly", "medium",
         "Freight cost reconciliation: Logistics' figures come from Sam, not from Accounts.", direct=True,
         lead=48)

    section("Procurement and legal.")
    need(g.store_managers + ["karen.hughes", "bill.evans"], "purchasing", "monthly", "medium")
    need(["hugo.lambert", "nora.blake", "ian.fraser"], "contract-signoff", "adhoc", "high")
    need("li.wei", "noel.hart", "monthly", "medium", "Spend analysis.", direct=True)

    section("Facilities: the mailroom sorts the post for everyone outside the lab.")
    need(g.heads + [t for t in g.office_teams if t != "mailroom"] + g.stores + g.cc_teams, "mail-sorting",
         "weekly", "low")
    need(["grace.lin", "ryan.cho", "omar.haddad", "zara.khan", "noah.fischer"], "mail-sorting", "daily",
         "medium", "Invoices and forms still arrive by post.")
    need(g.stores, "building-maintenance", "monthly", "high")
    need(["steve.carter", "karen.hughes"], "building-maintenance", "monthly", "medium")
    need(g.store_managers + ["steve.carter", "jenny.walsh"], "health-and-safety", "quarterly", "high")
    need(g.stores, "cleaning", "monthly", "low")

    section("Marketing and Sales wait on each other: campaigns need lead feedback, sales calls need "
            "campaigns.")
    need("sales-accounts", "campaigns", "weekly", "critical", "Campaign target lists drive the sales calls.")
    need("marketing-campaigns", "sales-leads", "daily", "critical", "Lead feedback steers the next campaign.")
    need(["nora.blake", "ian.fraser"], "campaigns", "monthly", "high")
    need("chloe.martin", "sales-leads", "weekly", "high")
    need(g.stores, "campaigns", "monthly", "medium", "Point-of-sale material.")
    need(g.cc_teams, "campaigns", "weekly", "medium", "Promotion briefings.")
    need(g.cc_teams, "customer-comms", "weekly", "medium")
    need(g.stores, "visual-merchandising", "monthly", "medium")
    need(["isabel.cruz", "chloe.martin", "ravi.kapoor", "marketing-campaigns"], "design-artwork", "weekly",
         "medium")
    need(["ellie.shaw", "nora.blake", "ian.fraser"], "dina.haas", "weekly", "medium", "Pipeline reports.",
         direct=True)
    need(["nora.blake", "sales-accounts"], "bid-support", "monthly", "high")
    need("liam.oconnor", "isabel.cruz", "weekly", "medium", "Brand guidelines.", direct=True, lead=24)
    need("claire.dubois", "consumer-insights", "quarterly", "low", "The lab's only regular output.")

    section("Stores: staff depend on their store manager for rotas and training.")
    for sid in g.stores:
        manager = g.ids[sid].manager
        staff = [u for u in g.reports[manager] if u != sid]
        need(staff, manager, "weekly", "high", "Rota and on-the-job training.", direct=True, lead=72)
        need(sid, manager, "daily", "critical", "Opening, cash-up and staffing the shop floor.", direct=True,
             lead=2)
    for area in ("north", "south"):
        managers = [m for s, m in zip(g.stores, g.store_managers, strict=True)
                    if dict((x[0], x[2]) for x in STORES)[s] == AREAS[area]]
        need(managers, f"area-support-{area}", "weekly", "high", "Performance reviews and escalations.")
    need(g.store_managers, "retail-ops-standards", "weekly", "medium")
    need(g.stores, "loss-prevention", "monthly", "high")
    need(g.stores, "click-and-collect", "weekly", "high")
    need(g.stores, "customer-complaints", "weekly", "medium")

    section("Contact centre: advisers depend on their team leader; team leaders on the rota and coaching.")
    for team, leader, _ in CC_TEAMS:
        advisers = [u for u in g.reports[leader] if u != team]
        need(advisers, leader, "weekly", "high", "Rota, coaching and call-quality feedback.", direct=True,
             lead=72)
        need(team, leader, "daily", "critical", "Floor management and escalations.", direct=True, lead=1)
    need(["rob.king", "mia.wong"], "contact-centre-rota", "weekly", "high")
    need(g.cc_teams, "call-quality-coaching", "weekly", "medium")

    section("Product Research Lab: dense inside, one quarterly report out (above). It kept its own payroll "
            "bureau and IT after the 2022 acquisition.")
    need([u for u in lab_people if u not in ("elena.petrova", "ivy.nash", "otto.klein")], "lab-admin",
         "monthly", "high", "Pay via the lab's own bureau, purchasing and expenses.")
    need([u for u in lab_people if u not in ("elena.petrova", "otto.klein", "max.weber")], "lab-systems",
         "weekly", "medium")
    need(b + ["bea.santos"], "lab-testing", "weekly", "high")
    need(b[:3], "materials-samples", "weekly", "medium")
    need(a[:3] + ["hiro.tanaka"], "prototype-builds", "monthly", "medium")
    need(["hiro.tanaka", "bea.santos"] + a[:3] + b[:3], "research-data-analysis", "monthly", "medium")
    need("research-insights", "lab-testing", "monthly", "medium")
    need(["hiro.tanaka", "bea.santos", "max.weber", "ivy.nash", "otto.klein", "research-insights"],
         "elena.petrova", "weekly", "high", "Research priorities.", direct=True)
    for lab_lead, staff in g.lab_staff.items():
        need(staff, lab_lead, "weekly", "medium", "Experiment plans.", direct=True, lead=24)
    return sections


def build() -> tuple[Org, list[tuple[str, int]]]:
    """The organisation, and the dependency sections as (title, number of dependencies) for the YAML."""
    units = build_units(random.Random(SEED))
    groups = Groups(units)
    sections = dependencies(groups)
    org = Org(
        org=OrgMeta(name="Marlow & Finch Home Stores", as_of=dt.date(2024, 10, 1)),
        departments=tuple(Department(id=i, name=n, head=h) for i, n, h in DEPARTMENTS),
        units=tuple(units),
        capabilities=tuple(capabilities(groups)),
        dependencies=tuple(d for _, deps in sections for d in deps),
    )
    for dep in org.dependencies:  # the loader refuses these; fail here with the rule's consumer named
        assert dep.consumer not in org.capability_of(dep).providers, f"self-dependency: {dep}"
    return org, [(title, len(deps)) for title, deps in sections]


# -- the native YAML ------------------------------------------------------------------------------


def _dump(records: list[dict]) -> str:
    """Block style for records, flow style for short lists and channels; long lines kept whole."""
    return yaml.safe_dump(records, sort_keys=False, allow_unicode=True, default_flow_style=None, width=10_000)


def _record(model, keep: tuple[str, ...] = ()) -> dict:
    """A model as native data without default-valued fields (``keep`` are always written)."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    for key in keep:
        data.setdefault(key, getattr(model, key))
    return {k: _plain(data[k]) for k in type(model).model_fields if k in data}


def _plain(value):
    """72.0 -> 72, so that hours and FTE read as a person would write them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def yaml_text(org: Org, sections: list[tuple[str, int]]) -> str:
    people = sum(u.kind == "person" for u in org.units)
    front = sum(u.front_line for u in org.units)
    out = [
        f"# {org.org.name}: the orggraph sample organisation (fictional; addresses use the .example domain).",
        "# GENERATED by data/build_sample.py: edit that script and rerun it, never this file.",
        f"# {people} people and {len(org.units) - people} teams in {len(org.departments)} departments; "
        f"{front} front-line units (ten stores and a contact centre);",
        f"# {len(org.capabilities)} capabilities and {len(org.dependencies)} dependencies. "
        "The planted problems are listed by id in data/README.md.",
        "# A dependency reads 'consumer needs capability (or provider)'; any one provider of a capability "
        "can",
        "# deliver it (the first is the primary, the rest are backups). A team unit's fte is the capacity of",
        "# the people in it who are not listed one by one (stores: the casual pool).",
        "",
        _dump([{"org": org.org.model_dump(mode="json", exclude_none=True)}])[2:].replace("\n  ", "\n"),
    ]
    out.append("departments:")
    out.append(_dump([_record(d) for d in org.departments]))
    out.append("units:")
    department = None
    for unit in org.units:
        if unit.department != department:
            department = unit.department
            out.append(f"# -- {org.department_by_id[department].name}")
        out.append(_dump([_record(unit)]).rstrip("\n"))
    out.append("")
    out.append("capabilities:")
    out.append(_dump([_record(c) for c in org.capabilities]))
    out.append("dependencies:")
    start = 0
    for title, count in sections:
        out.extend(textwrap.wrap(title, 106, initial_indent="# -- ", subsequent_indent="#    "))
        chunk = org.dependencies[start : start + count]
        out.append(_dump([_record(d, keep=("cadence", "criticality")) for d in chunk]).rstrip("\n"))
        start += count
    return "\n".join(out) + "\n"


# -- the HRIS-style CSV folder ----------------------------------------------------------------------

CADENCE_LABEL = {"daily": "Daily", "weekly": "Weekly", "biweekly": "Fortnightly", "monthly": "Monthly",
                 "quarterly": "Quarterly", "yearly": "Yearly", "adhoc": "Ad hoc"}


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _channel(channel: Channel | None) -> str:
    return f"{channel.type}:{channel.address}" if channel else ""


def csv_tables(org: Org) -> dict[str, list[list[str]]]:
    """The organisation as an HRIS export gives it: spreadsheet headers, Yes/No, Fortnightly, ';' lists."""
    dept_name = {d.id: d.name for d in org.departments}
    yes = {True: "Yes", False: "No"}
    return {
        "org.csv": [["Organisation", "As Of"], [org.org.name, str(org.org.as_of)]],
        "departments.csv": [["Department ID", "Department Name", "Department Head"]]
        + [[d.id, d.name, d.head or ""] for d in org.departments],
        "units.csv": [["Employee ID", "Full Name", "Unit Type", "Job Title", "Department ID", "Department",
                       "Team", "Manager ID", "Front Line", "FTE", "Location", "Contact Channel", "Tags",
                       "Available"]]
        + [[u.id, u.name, u.kind, u.title, u.department or "", dept_name.get(u.department or "", ""),
            u.team or "", u.manager or "", yes[u.front_line], _number(u.fte), u.location, _channel(u.channel),
            "; ".join(u.tags), yes[u.available]] for u in org.units],
        "capabilities.csv": [["Capability ID", "Capability Name", "Description", "Keywords", "Provided By",
                              "Lead Time (hours)", "Contact Channel"]]
        + [[c.id, c.name, c.description, "; ".join(c.keywords), "; ".join(c.providers),
            _number(c.lead_time_hours), _channel(c.channel)] for c in org.capabilities],
        "dependencies.csv": [["Consumer ID", "Capability ID", "Provider ID", "Frequency", "Criticality",
                              "Lead Time (hours)", "Notes"]]
        + [[d.consumer, d.capability or "", d.provider or "", CADENCE_LABEL[d.cadence],
            d.criticality.capitalize(), _number(d.lead_time_hours), d.note] for d in org.dependencies],
    }


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def main() -> None:
    org, sections = build()
    YAML_PATH.write_text(yaml_text(org, sections), encoding="utf-8")
    CSV_DIR.mkdir(exist_ok=True)
    for name, rows in csv_tables(org).items():
        (CSV_DIR / name).write_text(csv_text(rows), encoding="utf-8-sig")  # with a BOM, as Excel saves it
    print(f"wrote {YAML_PATH.name} and {CSV_DIR.name}/: {len(org.units)} units, "  # noqa: T201
          f"{len(org.capabilities)} capabilities, {len(org.dependencies)} dependencies")


if __name__ == "__main__":
    main()
