"""The versioned API: one module, one blueprint per version (api/v1.py, api/v2.py).

None of these modules imports app.py. They describe routes on blueprints; create_app imports
them and decides where they are mounted. That is what keeps the imports free of cycles.
"""
