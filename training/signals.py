"""What training tells the rest of the portal; ``workflows`` listens.

Training never imports ``workflows`` (DESIGN.md): it sends these after commit
and a receiver there turns them into live notices.
"""

from django.dispatch import Signal

# A person on duty lost a required certificate and is a trainee again.
# Arguments: person (StaffMember), modules (the missing module pages).
duty_lost = Signal()
# A trainee passed the last required module and is on duty.
duty_gained = Signal()
