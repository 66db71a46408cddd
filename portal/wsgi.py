import os

from django.core.wsgi import get_wsgi_application

# A server started without a settings module is a production one: it refuses
# to start without its secret (manage.py and `make run` choose dev).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()
